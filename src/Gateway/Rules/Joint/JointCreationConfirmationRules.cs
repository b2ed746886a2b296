using ClassifiedGateway.Gateway.Domain;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Joint;

/// <summary>Art. 6.3: a confirmation confirms the information its declaration named (in_reply_to itself is ANSWER_DOES_NOT_MATCH's).</summary>
public sealed class JointConfirmationMatchesDeclarationRule() : NoticeRule("JOINT_CONFIRMATION_MISMATCH", "Art. 6.3",
    "A JointCreationConfirmation is refused unless its information_id is the one the JointCreationNotice it answers declared.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.JointCreationConfirmation || context.Facts.Find(e.InReplyTo, Case.JointCreationNotice) is not { } declaration)
        {
            return null;
        }

        var declared = declaration.Envelope.JointCreationNotice.InformationId;
        return e.JointCreationConfirmation.InformationId == declared
            ? null
            : Verdict($"'{declaration.Id}' declared '{declared}', not '{SafeText.Bounded(e.JointCreationConfirmation.InformationId)}'.",
                "joint_creation_confirmation.information_id");
    }
}

/// <summary>Art. 6.3: one declaration per information id, so "joint" always means the same two bodies.</summary>
public sealed class JointInformationDeclaredOnceRule() : NoticeRule("JOINT_INFORMATION_ALREADY_DECLARED", "Art. 6.3",
    "A JointCreationNotice is refused when a JointCreationNotice with the same information_id is already held.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.JointCreationNotice)
        {
            return null;
        }

        var earlier = context.Facts.ByKey(LedgerKeys.Joint(e.JointCreationNotice.InformationId))
            .FirstOrDefault(n => n.Envelope.NoticeCase == Case.JointCreationNotice && n.Id != e.Id);
        return earlier is null
            ? null
            : Verdict($"'{SafeText.Bounded(e.JointCreationNotice.InformationId)}' was already declared by '{earlier.Id}'.", "joint_creation_notice.information_id");
    }
}
