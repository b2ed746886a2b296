using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>An answer references a request of the matching kind, addressed to the answering body, not answered already.</summary>
public sealed class AnswerMatchesRequestRule() : NoticeRule("ANSWER_DOES_NOT_MATCH", "Art. 4.1.5, 5.1, 5.4, 5.5, 6.4, 6.5, 9, 11",
    "An answer is refused unless in_reply_to names a known request of the matching kind, addressed to the answering body (or its competent body), not answered before.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        var kind = NoticeKinds.Of(e);
        if (kind.Answers is not { } expected || e.InReplyTo.Length == 0)
        {
            return null;
        }

        if (context.Facts.Find(e.InReplyTo) is not { } request)
        {
            return Verdict($"'{e.InReplyTo}' is not a known request.", "envelope.in_reply_to");
        }

        if (request.Envelope.NoticeCase != expected || (expected == Case.TransportArrangement && request.Envelope.TransportArrangement.Agreed))
        {
            return Verdict($"a {kind.Name} answers a {(expected == Case.TransportArrangement ? "proposed TransportArrangement" : expected.ToString())}, but '{request.Id}' is a {request.Envelope.NoticeCase}.",
                "envelope.in_reply_to");
        }

        if (!Addressed(context.Facts, kind, request.Envelope, e))
        {
            return Verdict($"'{request.Id}' was not addressed to '{e.SenderBody}', so it cannot answer it.", "envelope.sender_body");
        }

        var earlier = context.Facts.AnswersTo(request.Id).FirstOrDefault(a => a.Envelope.NoticeCase == e.NoticeCase && a.Id != e.Id);
        return earlier is null || e.NoticeCase == Case.ReceiptConfirmation
            ? null
            : Verdict($"'{request.Id}' was already answered by '{earlier.Id}'.", "envelope.in_reply_to");
    }

    private static bool Addressed(Facts facts, NoticeKind kind, Envelope request, Envelope answer)
    {
        if (kind.AnswersOwnRequest)
        {
            return request.SenderParty == answer.SenderParty;
        }

        return request.ReceiverParty == answer.SenderParty
            && (request.ReceiverBody == answer.SenderBody || facts.CompetentBodies.IsCompetentBody(answer.SenderParty, answer.SenderBody));
    }
}
