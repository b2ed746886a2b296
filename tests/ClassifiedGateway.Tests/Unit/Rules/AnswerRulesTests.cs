using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Answers;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Each fault of an answer has its own rule and cites the one article of the answer's kind: unknown request, wrong kind,
/// not answered by the addressee (or its competent body), already answered.</summary>
public sealed class AnswerRulesTests
{
    private static readonly INoticeRule[] Rules =
        [new AnswerToUnknownRequestRule(), new AnswerToWrongKindRule(), new AnswerNotByAddresseeRule(), new AnswerAlreadyGivenRule()];

    /// <summary>The requests on record, who sent them to whom, and the answers they already have.</summary>
    private static Envelope[] History()
    {
        var proposal = Notice("ta-prop", Case.TransportArrangement, Party.Kz);
        var agreedProposal = Notice("ta-prop-2", Case.TransportArrangement, Party.Kz);
        var agreement = Notice("ta-agreed", Case.TransportArrangement, Party.Tm, inReplyTo: "ta-prop-2");
        agreement.TransportArrangement.Agreed = true;
        return
        [
            Notice("ccr", Case.ClearanceConfirmationRequest, Party.Kz),
            Notice("copy-req", Case.CopyRequest, Party.Tm, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody),
            Notice("copy-req-answered", Case.CopyRequest, Party.Tm, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody),
            Notice("copy-perm-old", Case.CopyPermission, Party.Kz, Notices.KzAuthorizedBody, Notices.TmAuthorizedBody, "copy-req-answered"),
            Notice("breach", Case.BreachNotification, Party.Kz, Notices.KzAuthorizedBody, Notices.TmAuthorizedBody),
            proposal, agreedProposal, agreement,
            Notice("visit", Case.VisitRequest, Party.Kz),
            Notice("visit-answered", Case.VisitRequest, Party.Kz),
            Notice("visit-dec-old", Case.VisitDecision, Party.Tm, inReplyTo: "visit-answered"),
            Transfer("t-1"),
            Notice("rc-old", Case.ReceiptConfirmation, Party.Tm, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody, "t-1"),
        ];
    }

    public static TheoryData<string, Case, string, Party, string, string?, string, string?> Answers => new()
    {
        // answer kind, in_reply_to, answering Party and body, the one rule that refuses (null: none), the article it cites, field at fault
        { "clearance confirmation by the asked competent body", Case.ClearanceConfirmation, "ccr", Party.Tm, "tm-mns", null, "", null },
        { "unknown request", Case.ClearanceConfirmation, "ccr-none", Party.Tm, "tm-mns", "ANSWER_TO_UNKNOWN_REQUEST", "Art. 5.1", "envelope.in_reply_to" },
        { "unknown request of a visit decision", Case.VisitDecision, "visit-none", Party.Tm, "tm-mns", "ANSWER_TO_UNKNOWN_REQUEST", "Art. 9", "envelope.in_reply_to" },
        { "wrong kind: a clearance confirmation answering a copy request", Case.ClearanceConfirmation, "copy-req", Party.Kz, "kz-knb", "ANSWER_TO_WRONG_KIND", "Art. 5.1", "envelope.in_reply_to" },
        { "wrong kind: a copy permission answering a clearance request", Case.CopyPermission, "ccr", Party.Tm, "tm-mns", "ANSWER_TO_WRONG_KIND", "Art. 6.4", "envelope.in_reply_to" },
        { "wrong kind: a visit decision answering a transfer", Case.VisitDecision, "t-1", Party.Tm, Notices.TmAuthorizedBody, "ANSWER_TO_WRONG_KIND", "Art. 9", "envelope.in_reply_to" },
        { "wrong kind: an arrangement answering an already-agreed arrangement", Case.TransportArrangement, "ta-agreed", Party.Kz, "kz-knb", "ANSWER_TO_WRONG_KIND", "Art. 5.5", "envelope.in_reply_to" },
        { "not addressed: an authorized body answers its competent body's request", Case.ClearanceConfirmation, "ccr", Party.Tm, Notices.TmAuthorizedBody, "ANSWER_NOT_BY_ADDRESSEE", "Art. 5.1", "envelope.sender_body" },
        { "not addressed: the requesting Party answers itself", Case.ClearanceConfirmation, "ccr", Party.Kz, "kz-knb", "ANSWER_NOT_BY_ADDRESSEE", "Art. 5.1", "envelope.sender_body" },
        { "copy permission by the addressed authorized body", Case.CopyPermission, "copy-req", Party.Kz, Notices.KzAuthorizedBody, null, "", null },
        { "copy permission by the competent body for its authorized body", Case.CopyPermission, "copy-req", Party.Kz, "kz-knb", null, "", null },
        { "copy permission by another authorized body", Case.CopyPermission, "copy-req", Party.Kz, "kz-ab-2", "ANSWER_NOT_BY_ADDRESSEE", "Art. 6.4", "envelope.sender_body" },
        { "copy permission by the other Party's competent body", Case.CopyPermission, "copy-req", Party.Tm, "tm-mns", "ANSWER_NOT_BY_ADDRESSEE", "Art. 6.4", "envelope.sender_body" },
        { "investigation result answering one's own breach notice", Case.InvestigationResult, "breach", Party.Kz, Notices.KzAuthorizedBody, null, "", null },
        { "investigation result answering the other Party's breach notice", Case.InvestigationResult, "breach", Party.Tm, Notices.TmAuthorizedBody, "ANSWER_NOT_BY_ADDRESSEE", "Art. 11", "envelope.sender_body" },
        { "visit decision by the guest Party", Case.VisitDecision, "visit", Party.Kz, "kz-knb", "ANSWER_NOT_BY_ADDRESSEE", "Art. 9", "envelope.sender_body" },
        { "already answered", Case.CopyPermission, "copy-req-answered", Party.Kz, Notices.KzAuthorizedBody, "ANSWER_ALREADY_GIVEN", "Art. 6.4", "envelope.in_reply_to" },
        { "already answered, now by the competent body", Case.CopyPermission, "copy-req-answered", Party.Kz, "kz-knb", "ANSWER_ALREADY_GIVEN", "Art. 6.4", "envelope.in_reply_to" },
        { "a proposal already agreed", Case.TransportArrangement, "ta-prop-2", Party.Tm, "tm-mns", "ANSWER_ALREADY_GIVEN", "Art. 5.5", "envelope.in_reply_to" },
        { "a visit already decided", Case.VisitDecision, "visit-answered", Party.Tm, "tm-mns", "ANSWER_ALREADY_GIVEN", "Art. 9", "envelope.in_reply_to" },
        { "transport arrangement agreeing to a proposal", Case.TransportArrangement, "ta-prop", Party.Tm, "tm-mns", null, "", null },
        { "visit decision by the host's competent body", Case.VisitDecision, "visit", Party.Tm, "tm-mns", null, "", null },
        { "a second receipt is left to the receipt rules", Case.ReceiptConfirmation, "t-1", Party.Tm, Notices.TmAuthorizedBody, null, "", null },
        { "a proposal answers nothing", Case.TransportArrangement, "", Party.Kz, "kz-knb", null, "", null },
        { "a kind that is never an answer", Case.ConsultationRequest, "ccr-none", Party.Kz, "kz-knb", null, "", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Each_fault_of_an_answer_is_refused_by_its_own_rule_citing_one_article(
        string name, Case kind, string inReplyTo, Party from, string body, string? ruleId, string article, string? field)
    {
        var answer = Notice("answer", kind, from, body, inReplyTo: inReplyTo);
        answer.InReplyTo = inReplyTo;
        if (kind == Case.ReceiptConfirmation)
        {
            answer.ReceiptConfirmation.TransferId = inReplyTo;
        }

        var context = Context(answer, History());
        foreach (var rule in Rules)
        {
            if (rule.Id == ruleId)
            {
                Refused(rule.Evaluate(context), ruleId, article, field!, name);
            }
            else
            {
                Passes(rule.Evaluate(context), $"{name} ({rule.Id})");
            }
        }
    }

    [Fact]
    public void Every_fault_has_its_own_code()
    {
        var ids = Rules.Select(r => r.Id).ToList();
        Assert.Equal(["ANSWER_TO_UNKNOWN_REQUEST", "ANSWER_TO_WRONG_KIND", "ANSWER_NOT_BY_ADDRESSEE", "ANSWER_ALREADY_GIVEN"], ids);
        Assert.DoesNotContain(RulesServiceCollectionExtensions.BuildEngine().Catalogue, r => r.Id == "ANSWER_DOES_NOT_MATCH");
    }
}
