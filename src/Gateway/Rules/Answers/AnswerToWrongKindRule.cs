using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>An answer names a request of the kind it answers (a transport arrangement agrees to a proposal, not to an agreement).</summary>
public sealed class AnswerToWrongKindRule() : AnswerRule("ANSWER_TO_WRONG_KIND",
    "An answer is refused when in_reply_to names a notice of another kind than the one it answers (an agreed transport arrangement answers a proposal only).")
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        if (AnswerLookup.AnswerKind(context.Envelope) is not { } kind || context.Facts.Find(context.Envelope.InReplyTo) is not { } request
            || AnswerLookup.RightKind(kind, request.Envelope))
        {
            return null;
        }

        var expected = kind.Case == Case.TransportArrangement ? "proposed TransportArrangement" : kind.Answers.ToString();
        return AnswerVerdict(Id, kind, $"a {kind.Name} answers a {expected}, but '{request.Id}' is a {request.Envelope.NoticeCase}.", "envelope.in_reply_to");
    }
}
