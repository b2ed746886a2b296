using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Handling;

/// <summary>Art. 6.3, 4.1.2: only the originator changes a level or declassifies; jointly created information is judged by Rules/Joint.</summary>
public sealed class ClassificationChangeByOriginatorRule() : NoticeRule("CLASSIFICATION_CHANGE_NOT_ORIGINATOR", "Art. 6.3, 4.1.2",
    "A level change or declassification of transferred information is refused unless it comes from the transfer's originator (or its competent body); jointly created information is judged by the JOINT_* rules.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.ClassificationChange)
        {
            return null;
        }

        var change = e.ClassificationChange;
        if (change.JointlyCreated)
        {
            // Jointly created information has no single originator: the rules in Rules/Joint judge it.
            return null;
        }

        if (context.Facts.Find(change.TransferId, Case.TransferNotice) is not { } transfer)
        {
            return Verdict($"'{change.TransferId}' is not a known transfer.", "classification_change.transfer_id");
        }

        var originator = transfer.Envelope;
        var isOriginator = originator.SenderParty == e.SenderParty
            && (originator.SenderBody == e.SenderBody || context.Facts.CompetentBodies.IsCompetentBody(e.SenderParty, e.SenderBody));
        return isOriginator
            ? null
            : Verdict($"only the originator '{originator.SenderBody}' may change the marking of '{transfer.Id}'; the receiver needs its written consent.",
                "envelope.sender_body");
    }
}
