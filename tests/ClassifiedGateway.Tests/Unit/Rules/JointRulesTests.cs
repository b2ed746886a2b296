using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Joint;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 6.3, paras 2–3: jointly created information is a recorded fact (declared, confirmed by the other body),
/// and a change to it needs the other co-creator's agreement to that same change, given before it.</summary>
public sealed class JointRulesTests
{
    private const string Article = "Art. 6.3";
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;

    /// <summary>
    /// j-1: declared by kz-ab-1 to tm-ab-1, confirmed by tm-ab-1. j-2: declared, never confirmed. j-3: declared by TM, disputed by KZ.
    /// j-4: declared by KZ and "confirmed" by KZ itself. t-1: a transfer TM received. Agreements to changes of j-1 (and one of j-9).
    /// </summary>
    private static readonly Envelope[] History =
    [
        Transfer("t-1", "TopSecret"),
        Declaration("k-decl", Party.Kz, "j-1"),
        Confirmation("t-conf", Party.Tm, "k-decl", "j-1", confirmed: true),
        Declaration("k-decl-2", Party.Kz, "j-2"),
        Declaration("t-decl-3", Party.Tm, "j-3"),
        Confirmation("k-conf-3", Party.Kz, "t-decl-3", "j-3", confirmed: false),
        Declaration("k-decl-4", Party.Kz, "j-4"),
        Confirmation("k-conf-4", Party.Kz, "k-decl-4", "j-4", confirmed: true),
        Agreement("t-agr", Party.Tm, TmAb, "j-1", ClassificationLevel.Secret),
        Agreement("t-agr-cb", Party.Tm, Notices.TmCompetentBody, "j-1", ClassificationLevel.Secret),
        Agreement("t-agr-decl", Party.Tm, TmAb, "j-1", declassified: true),
        Agreement("t-agr-other", Party.Tm, "tm-ab-2", "j-1", ClassificationLevel.Secret),
        Agreement("t-agr-j9", Party.Tm, TmAb, "j-9", ClassificationLevel.Secret),
        Agreement("t-agr-late", Party.Tm, TmAb, "j-1", ClassificationLevel.Secret, at: Now.AddHours(1)),
        Agreement("k-agr", Party.Kz, KzAb, "j-1", ClassificationLevel.Secret),
        Notice("t-consult", Case.ConsultationRequest, Party.Tm),
    ];

    public static TheoryData<string, Party, string, string, string?> Recorded => new()
    {
        // changing Party and body, joint_information_id claimed, field at fault
        { "the declaring co-creator", Party.Kz, KzAb, "j-1", null },
        { "the declaring Party's competent body", Party.Kz, Notices.KzCompetentBody, "j-1", null },
        { "the confirming co-creator", Party.Tm, TmAb, "j-1", null },
        { "the confirming Party's competent body", Party.Tm, Notices.TmCompetentBody, "j-1", null },
        { "another authorized body of the declaring Party", Party.Kz, "kz-ab-2", "j-1", "envelope.sender_body" },
        { "another authorized body of the confirming Party", Party.Tm, "tm-ab-2", "j-1", "envelope.sender_body" },
        { "declared, never confirmed", Party.Kz, KzAb, "j-2", "classification_change.joint_information_id" },
        { "declared, disputed by the other body", Party.Tm, TmAb, "j-3", "classification_change.joint_information_id" },
        { "\"confirmed\" by the declaring Party itself", Party.Kz, KzAb, "j-4", "classification_change.joint_information_id" },
        { "never declared", Party.Kz, KzAb, "j-9", "classification_change.joint_information_id" },
        { "the receiver calls a transfer it received joint", Party.Tm, TmAb, "t-1", "classification_change.joint_information_id" },
        { "the receiver cites the declaration's message id", Party.Tm, TmAb, "k-decl", "classification_change.joint_information_id" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_joint_change_needs_information_the_ledger_knows_as_joint(string name, Party from, string body, string information, string? field) =>
        Expect(new JointInformationRecordedRule().Evaluate(Context(Change(from, body, information, "t-agr"), History)),
            "JOINT_INFORMATION_NOT_RECORDED", Article, field, name);

    public static TheoryData<string, string, string, string?> AgreementSenders => new()
    {
        // sending body (Turkmenistan), information, field at fault
        { "the co-creator", TmAb, "j-1", null },
        { "the co-creator's competent body", Notices.TmCompetentBody, "j-1", null },
        { "a body that did not create it", "tm-ab-2", "j-1", "envelope.sender_body" },
        { "information never confirmed", TmAb, "j-2", "joint_classification_change_agreement.information_id" },
        { "information never declared", TmAb, "j-9", "joint_classification_change_agreement.information_id" },
    };

    [Theory]
    [MemberData(nameof(AgreementSenders))]
    public void Only_a_co_creator_agrees_to_a_change_of_recorded_joint_information(string name, string body, string information, string? field) =>
        Expect(new JointInformationRecordedRule().Evaluate(Context(Agreement("t-new", Party.Tm, body, information, ClassificationLevel.Secret), History)),
            "JOINT_INFORMATION_NOT_RECORDED", Article, field, name);

    public static TheoryData<string, Party, string, string, string?> Agreements => new()
    {
        // changing Party, agreement cited, the change ("Secret", "TopSecret" or "declassified"), field at fault
        { "the co-creator's agreement to this level", Party.Kz, "t-agr", "Secret", null },
        { "the other Party's competent body agreed", Party.Kz, "t-agr-cb", "Secret", null },
        { "agreement to declassify, declassified", Party.Kz, "t-agr-decl", "declassified", null },
        { "the other direction: Turkmenistan changes with Kazakhstan's agreement", Party.Tm, "k-agr", "Secret", null },
        { "agreed to Secret, changed to Top Secret", Party.Kz, "t-agr", "TopSecret", "classification_change.joint_agreement_reference" },
        { "agreed to Secret, declassified", Party.Kz, "t-agr", "declassified", "classification_change.joint_agreement_reference" },
        { "agreed to declassify, changed to Secret", Party.Kz, "t-agr-decl", "Secret", "classification_change.joint_agreement_reference" },
        { "no agreement cited", Party.Kz, "", "Secret", "classification_change.joint_agreement_reference" },
        { "an unknown agreement", Party.Kz, "t-none", "Secret", "classification_change.joint_agreement_reference" },
        { "any notice of the other Party is not an agreement", Party.Kz, "t-consult", "Secret", "classification_change.joint_agreement_reference" },
        { "the confirmation is not an agreement to a change", Party.Kz, "t-conf", "Secret", "classification_change.joint_agreement_reference" },
        { "citing its own Party's agreement", Party.Kz, "k-agr", "Secret", "classification_change.joint_agreement_reference" },
        { "Turkmenistan citing its own agreement", Party.Tm, "t-agr", "Secret", "classification_change.joint_agreement_reference" },
        { "agreement from a body that is not the co-creator", Party.Kz, "t-agr-other", "Secret", "classification_change.joint_agreement_reference" },
        { "agreement about other information", Party.Kz, "t-agr-j9", "Secret", "classification_change.joint_agreement_reference" },
        { "agreement given after the change was decided", Party.Kz, "t-agr-late", "Secret", "classification_change.joint_agreement_reference" },
    };

    [Theory]
    [MemberData(nameof(Agreements))]
    public void A_joint_change_needs_the_other_co_creators_prior_agreement_to_that_change(string name, Party from, string reference, string change, string? field)
    {
        var e = Change(from, AuthorizedBody(from), "j-1", reference);
        e.ClassificationChange.Declassified = change == "declassified";
        e.ClassificationChange.NewLevel = change == "declassified" ? ClassificationLevel.Unspecified : Enum.Parse<ClassificationLevel>(change);

        Expect(new JointChangeNeedsAgreementRule().Evaluate(Context(e, History)), "JOINT_CHANGE_NEEDS_AGREEMENT", Article, field, name);
    }

    public static TheoryData<string, string, string, string?> Confirmations => new()
    {
        // declaration answered, information confirmed, field at fault
        { "the declared information", "k-decl-2", "j-2", null },
        { "other information than declared", "k-decl-2", "j-1", "joint_creation_confirmation.information_id" },
        { "an unknown declaration: ANSWER_DOES_NOT_MATCH's to refuse", "k-none", "j-2", null },
    };

    [Theory]
    [MemberData(nameof(Confirmations))]
    public void A_confirmation_confirms_what_was_declared(string name, string declaration, string information, string? field) =>
        Expect(new JointConfirmationMatchesDeclarationRule().Evaluate(Context(Confirmation("t-new", Party.Tm, declaration, information, true), History)),
            "JOINT_CONFIRMATION_MISMATCH", Article, field, name);

    public static TheoryData<string, string, string, string?> Declarations => new()
    {
        // message id, information declared, field at fault
        { "new information", "t-new", "j-5", null },
        { "information already declared by the other Party", "t-new", "j-1", "joint_creation_notice.information_id" },
        { "information already declared, even unconfirmed", "t-new", "j-2", "joint_creation_notice.information_id" },
        { "the same declaration judged again (relay)", "k-decl-2", "j-2", null },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Information_is_declared_joint_once(string name, string id, string information, string? field) =>
        Expect(new JointInformationDeclaredOnceRule().Evaluate(Context(Declaration(id, id.StartsWith("k-", StringComparison.Ordinal) ? Party.Kz : Party.Tm, information), History)),
            "JOINT_INFORMATION_ALREADY_DECLARED", Article, field, name);

    [Fact]
    public void Other_notices_pass_every_joint_rule()
    {
        var transferChange = Notice("cc-1", Case.ClassificationChange, Party.Kz, KzAb, TmAb);
        transferChange.ClassificationChange.TransferId = "t-1";
        foreach (var notice in new[] { transferChange, Notice("c-1", Case.ConsultationRequest, Party.Tm) })
        {
            var context = Context(notice, History);
            Passes(new JointInformationRecordedRule().Evaluate(context), notice.Id);
            Passes(new JointChangeNeedsAgreementRule().Evaluate(context), notice.Id);
            Passes(new JointConfirmationMatchesDeclarationRule().Evaluate(context), notice.Id);
            Passes(new JointInformationDeclaredOnceRule().Evaluate(context), notice.Id);
        }
    }

    private static Envelope Declaration(string id, Party from, string information)
    {
        var e = Notice(id, Case.JointCreationNotice, from, AuthorizedBody(from), AuthorizedBody(Other(from)));
        e.JointCreationNotice.InformationId = information;
        return e;
    }

    private static Envelope Confirmation(string id, Party from, string declaration, string information, bool confirmed)
    {
        var e = Notice(id, Case.JointCreationConfirmation, from, AuthorizedBody(from), AuthorizedBody(Other(from)), inReplyTo: declaration);
        e.JointCreationConfirmation.InformationId = information;
        e.JointCreationConfirmation.Confirmed = confirmed;
        return e;
    }

    private static Envelope Agreement(string id, Party from, string body, string information, ClassificationLevel level = ClassificationLevel.Unspecified,
        bool declassified = false, DateTimeOffset? at = null)
    {
        var e = Notice(id, Case.JointClassificationChangeAgreement, from, body, AuthorizedBody(Other(from)), at: at);
        e.JointClassificationChangeAgreement = new() { InformationId = information, NewLevel = level, Declassified = declassified };
        return e;
    }

    private static Envelope Change(Party from, string body, string information, string reference)
    {
        var e = Notice("cc-new", Case.ClassificationChange, from, body, AuthorizedBody(Other(from)));
        e.ClassificationChange.TransferId = "";
        e.ClassificationChange.JointlyCreated = true;
        e.ClassificationChange.JointInformationId = information;
        e.ClassificationChange.JointAgreementReference = reference;
        e.ClassificationChange.NewLevel = ClassificationLevel.Secret;
        return e;
    }
}
