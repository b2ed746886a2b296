using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>The fields of the Art. 6.3 notices about jointly created information.</summary>
internal static class JointNoticeValidator
{
    public static void Validate(Violations v, Envelope e)
    {
        switch (e.NoticeCase)
        {
            case Case.JointCreationNotice:
                v.Text("joint_creation_notice.information_id", e.JointCreationNotice.InformationId, 128);
                v.Level("joint_creation_notice.level", e.JointCreationNotice.Level);
                v.Time("joint_creation_notice.created_at", e.JointCreationNotice.CreatedAt);
                if (e.JointCreationNotice.Description.Length > 8192)
                {
                    v.Add("joint_creation_notice.description", "must be at most 8192 characters");
                }

                break;
            case Case.JointCreationConfirmation:
                v.Text("joint_creation_confirmation.information_id", e.JointCreationConfirmation.InformationId, 128);
                break;
            case Case.JointClassificationChangeAgreement:
                var a = e.JointClassificationChangeAgreement;
                v.Text("joint_classification_change_agreement.information_id", a.InformationId, 128);
                NewLevel(v, "joint_classification_change_agreement.new_level", a.NewLevel, a.Declassified);
                break;
        }
    }

    /// <summary>A ClassificationChange of jointly created information names the information and the other body's agreement, not a transfer.</summary>
    public static void ValidateJointChange(Violations v, ClassificationChange c)
    {
        v.Text("classification_change.joint_information_id", c.JointInformationId, 128);
        v.Text("classification_change.joint_agreement_reference", c.JointAgreementReference, 128);
        if (c.TransferId.Length > 0)
        {
            v.Add("classification_change.transfer_id", "must be empty when jointly_created: jointly created information is named by joint_information_id");
        }
    }

    /// <summary>Exactly one of a new level and declassification.</summary>
    public static void NewLevel(Violations v, string field, ClassificationLevel level, bool declassified)
    {
        if (declassified == (level != ClassificationLevel.Unspecified))
        {
            v.Add(field, "set either a new level or declassified, not both or neither");
        }
        else if (!declassified)
        {
            v.Level(field, level);
        }
    }
}
