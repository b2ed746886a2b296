namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>An answer's in_reply_to names a notice this node holds as a fact.</summary>
public sealed class AnswerToUnknownRequestRule() : AnswerRule("ANSWER_TO_UNKNOWN_REQUEST",
    "An answer is refused when in_reply_to names no notice the node holds (unknown, or refused).")
{
    public override RuleVerdict? Evaluate(RuleContext context) =>
        AnswerLookup.AnswerKind(context.Envelope) is { } kind && context.Facts.Find(context.Envelope.InReplyTo) is null
            ? AnswerVerdict(Id, kind, $"'{context.Envelope.InReplyTo}' is not a known request.", "envelope.in_reply_to")
            : null;
}
