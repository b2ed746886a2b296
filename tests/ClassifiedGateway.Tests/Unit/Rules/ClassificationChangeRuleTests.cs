using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Handling;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 6.3, 4.1.2: only the originator (or its competent body) changes the marking of transferred information.</summary>
public sealed class ClassificationChangeRuleTests
{
    private const string Id = "CLASSIFICATION_CHANGE_NOT_ORIGINATOR";
    private const string Article = "Art. 6.3, 4.1.2";

    private static readonly ClassificationChangeByOriginatorRule Rule = new();

    /// <summary>Transfer t-1 from kz-ab-1 to tm-ab-1; j-kz and j-tm are notices each Party recorded about joint information.</summary>
    private static readonly Envelope[] History =
    [
        Transfer("t-1", "TopSecret"),
        Notice("j-kz", Case.ConsultationRequest, Party.Kz),
        Notice("j-tm", Case.ConsultationRequest, Party.Tm),
    ];

    public static TheoryData<string, Party, string, string, string?> Senders => new()
    {
        // changing Party and body, transfer named, field at fault
        { "the originating authorized body", Party.Kz, Notices.KzAuthorizedBody, "t-1", null },
        { "the competent body of the originator's Party", Party.Kz, Notices.KzCompetentBody, "t-1", null },
        { "another authorized body of the originator's Party", Party.Kz, "kz-ab-2", "t-1", "envelope.sender_body" },
        { "the receiving authorized body", Party.Tm, Notices.TmAuthorizedBody, "t-1", "envelope.sender_body" },
        { "the receiving Party's competent body", Party.Tm, Notices.TmCompetentBody, "t-1", "envelope.sender_body" },
        { "an unknown transfer", Party.Kz, Notices.KzAuthorizedBody, "t-9", "classification_change.transfer_id" },
        { "a notice that is not a transfer", Party.Kz, Notices.KzAuthorizedBody, "j-kz", "classification_change.transfer_id" },
    };

    [Theory]
    [MemberData(nameof(Senders))]
    public void Only_the_originator_changes_a_marking(string name, Party from, string body, string transferId, string? field) =>
        Expect(Rule.Evaluate(Context(Change(from, body, transferId, joint: false, reference: ""), History)), Id, Article, field, name);

    /// <summary>Jointly created information has no single originator; JointRulesTests cover it. Here: this rule leaves it alone,
    /// so a joint claim can never pass by a transfer's originator check nor be refused twice.</summary>
    [Theory]
    [InlineData(Party.Kz)]
    [InlineData(Party.Tm)]
    public void Jointly_created_information_is_left_to_the_joint_rules(Party from) =>
        Passes(Rule.Evaluate(Context(Change(from, CompetentBody(from), "", joint: true, reference: "j-tm"), History)), $"joint change by {from}");

    [Fact]
    public void Other_notices_pass() =>
        Passes(Rule.Evaluate(Context(Notice("c-1", Case.ConsultationRequest, Party.Tm), History)), "a consultation request");

    private static Envelope Change(Party from, string body, string transferId, bool joint, string reference)
    {
        var e = Notice("cc-new", Case.ClassificationChange, from, body, CompetentBody(Other(from)));
        e.ClassificationChange.TransferId = transferId;
        e.ClassificationChange.JointlyCreated = joint;
        e.ClassificationChange.JointAgreementReference = reference;
        return e;
    }
}
