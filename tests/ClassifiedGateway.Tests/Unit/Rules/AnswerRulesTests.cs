using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Answers;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>An answer names a known request of the matching kind, addressed to the answering body (or its competent body), not answered before.</summary>
public sealed class AnswerRulesTests
{
    private const string Id = "ANSWER_DOES_NOT_MATCH";
    private const string Article = "Art. 4.1.5, 5.1, 5.4, 5.5, 6.4, 6.5, 9, 11";

    private static readonly AnswerMatchesRequestRule Rule = new();

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
            Transfer("t-1"),
            Notice("rc-old", Case.ReceiptConfirmation, Party.Tm, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody, "t-1"),
        ];
    }

    public static TheoryData<string, Case, string, Party, string, string?> Answers => new()
    {
        // answer kind, in_reply_to, answering Party and body, field at fault
        { "clearance confirmation by the asked competent body", Case.ClearanceConfirmation, "ccr", Party.Tm, "tm-mns", null },
        { "unknown request", Case.ClearanceConfirmation, "ccr-none", Party.Tm, "tm-mns", "envelope.in_reply_to" },
        { "wrong kind: a clearance confirmation answering a copy request", Case.ClearanceConfirmation, "copy-req", Party.Kz, "kz-knb", "envelope.in_reply_to" },
        { "wrong kind: a copy permission answering a clearance request", Case.CopyPermission, "ccr", Party.Tm, "tm-mns", "envelope.in_reply_to" },
        { "not addressed: an authorized body answers its competent body's request", Case.ClearanceConfirmation, "ccr", Party.Tm, Notices.TmAuthorizedBody, "envelope.sender_body" },
        { "not addressed: the requesting Party answers itself", Case.ClearanceConfirmation, "ccr", Party.Kz, "kz-knb", "envelope.sender_body" },
        { "copy permission by the addressed authorized body", Case.CopyPermission, "copy-req", Party.Kz, Notices.KzAuthorizedBody, null },
        { "copy permission by the competent body for its authorized body", Case.CopyPermission, "copy-req", Party.Kz, "kz-knb", null },
        { "copy permission by another authorized body", Case.CopyPermission, "copy-req", Party.Kz, "kz-ab-2", "envelope.sender_body" },
        { "copy permission by the other Party's competent body", Case.CopyPermission, "copy-req", Party.Tm, "tm-mns", "envelope.sender_body" },
        { "already answered", Case.CopyPermission, "copy-req-answered", Party.Kz, Notices.KzAuthorizedBody, "envelope.in_reply_to" },
        { "already answered, now by the competent body", Case.CopyPermission, "copy-req-answered", Party.Kz, "kz-knb", "envelope.in_reply_to" },
        { "investigation result answering one's own breach notice", Case.InvestigationResult, "breach", Party.Kz, Notices.KzAuthorizedBody, null },
        { "investigation result answering the other Party's breach notice", Case.InvestigationResult, "breach", Party.Tm, Notices.TmAuthorizedBody, "envelope.sender_body" },
        { "transport arrangement agreeing to a proposal", Case.TransportArrangement, "ta-prop", Party.Tm, "tm-mns", null },
        { "transport arrangement answering an already-agreed arrangement", Case.TransportArrangement, "ta-agreed", Party.Kz, "kz-knb", "envelope.in_reply_to" },
        { "transport arrangement answering a proposal already agreed", Case.TransportArrangement, "ta-prop-2", Party.Tm, "tm-mns", "envelope.in_reply_to" },
        { "visit decision by the host's competent body", Case.VisitDecision, "visit", Party.Tm, "tm-mns", null },
        { "visit decision answering a transfer", Case.VisitDecision, "t-1", Party.Tm, Notices.TmAuthorizedBody, "envelope.in_reply_to" },
        { "a second receipt is left to the receipt rules", Case.ReceiptConfirmation, "t-1", Party.Tm, Notices.TmAuthorizedBody, null },
        { "a proposal answers nothing", Case.TransportArrangement, "", Party.Kz, "kz-knb", null },
        { "a kind that is never an answer", Case.ConsultationRequest, "ccr-none", Party.Kz, "kz-knb", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_matches_its_request(string name, Case kind, string inReplyTo, Party from, string body, string? field)
    {
        var answer = Notice("answer", kind, from, body, inReplyTo: inReplyTo);
        answer.InReplyTo = inReplyTo;
        if (kind == Case.ReceiptConfirmation)
        {
            answer.ReceiptConfirmation.TransferId = inReplyTo;
        }

        Expect(Rule.Evaluate(Context(answer, History())), Id, Article, field, name);
    }
}
