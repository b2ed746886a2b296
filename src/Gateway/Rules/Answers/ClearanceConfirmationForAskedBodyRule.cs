using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Art. 5.1: a clearance confirmation confirms the authorized body the request asked about, and no other
/// (a body confirmed through a mismatched answer would otherwise count as cleared for transfers).</summary>
public sealed class ClearanceConfirmationForAskedBodyRule() : NoticeRule("CLEARANCE_CONFIRMATION_OTHER_BODY", "Art. 5.1",
    "A clearance confirmation is refused unless its authorized_body_id is the one the request it answers asked about.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.ClearanceConfirmation || AnswerLookup.Request(context) is not { } request)
        {
            return null;
        }

        var asked = request.Envelope.ClearanceConfirmationRequest.AuthorizedBodyId;
        var confirmed = e.ClearanceConfirmation.AuthorizedBodyId;
        return asked == confirmed
            ? null
            : Verdict($"'{request.Id}' asked about '{asked}'; this answer speaks of '{confirmed}'. Ask about that body in a request of its own.",
                "clearance_confirmation.authorized_body_id");
    }
}
