using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>A request is answered once; a second answer is refused (a second receipt is the receipt rules' business: accepted and flagged).</summary>
public sealed class AnswerAlreadyGivenRule() : AnswerRule("ANSWER_ALREADY_GIVEN",
    "An answer is refused when the request already has an answer of the same kind (receipt confirmations excepted: a second one is flagged).")
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase == Case.ReceiptConfirmation || AnswerLookup.Request(context) is not { } request || AnswerLookup.AnswerKind(e) is not { } kind)
        {
            return null;
        }

        var earlier = context.Facts.AnswersTo(request.Id).FirstOrDefault(a => a.Envelope.NoticeCase == e.NoticeCase && a.Id != e.Id);
        return earlier is null ? null : AnswerVerdict(Id, kind, $"'{request.Id}' was already answered by '{earlier.Id}'.", "envelope.in_reply_to");
    }
}
