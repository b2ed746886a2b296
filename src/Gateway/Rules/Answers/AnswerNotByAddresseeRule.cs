namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Only the body a request was addressed to (or its competent body) answers it.</summary>
public sealed class AnswerNotByAddresseeRule() : AnswerRule("ANSWER_NOT_BY_ADDRESSEE",
    "An answer is refused unless it comes from the body the request was addressed to or that body's competent body (an investigation result: from the Party that notified the breach).")
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        return AnswerLookup.Request(context) is { } request && AnswerLookup.AnswerKind(e) is { } kind
            && !AnswerLookup.ByAddressee(context.Facts, kind, request.Envelope, e)
            ? AnswerVerdict(Id, kind, $"'{request.Id}' was not addressed to '{e.SenderBody}', so it cannot answer it.", "envelope.sender_body")
            : null;
    }
}
