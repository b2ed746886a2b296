using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Joint;

/// <summary>Art. 6.3: information is joint only when the ledger holds its confirmed declaration, and only its co-creators speak for it.</summary>
public sealed class JointInformationRecordedRule() : NoticeRule("JOINT_INFORMATION_NOT_RECORDED", "Art. 6.3",
    "A ClassificationChange claiming jointly_created, or a JointClassificationChangeAgreement, is refused unless the ledger holds a JointCreationNotice for that information confirmed by the other Party's body, and the sender is one of the two co-creating bodies (or its Party's competent body).",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        var (informationId, field) = e.NoticeCase switch
        {
            Case.ClassificationChange when e.ClassificationChange.JointlyCreated =>
                (e.ClassificationChange.JointInformationId, "classification_change.joint_information_id"),
            Case.JointClassificationChangeAgreement =>
                (e.JointClassificationChangeAgreement.InformationId, "joint_classification_change_agreement.information_id"),
            _ => (null, ""),
        };
        if (informationId is null)
        {
            return null;
        }

        if (JointRecord.Find(context.Facts, informationId) is not { } joint)
        {
            return Verdict($"'{Domain.SafeText.Bounded(informationId)}' is not jointly created information in the ledger: it needs a JointCreationNotice confirmed by the other Party's body.", field);
        }

        return joint.SpeaksFor(context.Facts, e.SenderParty, e.SenderBody)
            ? null
            : Verdict($"'{e.SenderBody}' is not a co-creator of '{informationId}' (the co-creators are '{joint.CoCreator(Party.Kz)}' and '{joint.CoCreator(Party.Tm)}').",
                "envelope.sender_body");
    }
}
