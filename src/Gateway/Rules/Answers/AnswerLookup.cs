using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>What the answer rules share: which request an answer names, and whether it is of the kind the answer answers.</summary>
internal static class AnswerLookup
{
    /// <summary>The answer's kind when the notice is an answer naming a request (in_reply_to set); null otherwise.</summary>
    public static NoticeKind? AnswerKind(Envelope e) =>
        NoticeKinds.Of(e) is { Answers: not null } kind && e.InReplyTo.Length > 0 ? kind : null;

    /// <summary>Whether <paramref name="request"/> is of the kind <paramref name="kind"/> answers (a proposal, for a transport arrangement).</summary>
    public static bool RightKind(NoticeKind kind, Envelope request) =>
        request.NoticeCase == kind.Answers && !(kind.Case == Case.TransportArrangement && request.TransportArrangement.Agreed);

    /// <summary>The request an answer names, when it is known and of the kind the answer answers; null otherwise (the fault rules say why).</summary>
    public static LedgerEntry? Request(RuleContext context) =>
        AnswerKind(context.Envelope) is { } kind && context.Facts.Find(context.Envelope.InReplyTo) is { } request && RightKind(kind, request.Envelope)
            ? request
            : null;

    /// <summary>Whether the answering body is the one the request was addressed to (or its Party's competent body);
    /// for an answer that follows one's own request (an investigation result), whether it comes from the requesting Party.</summary>
    public static bool ByAddressee(Facts facts, NoticeKind kind, Envelope request, Envelope answer) =>
        kind.AnswersOwnRequest
            ? request.SenderParty == answer.SenderParty
            : request.ReceiverParty == answer.SenderParty
              && (request.ReceiverBody == answer.SenderBody || facts.CompetentBodies.IsCompetentBody(answer.SenderParty, answer.SenderBody));
}
