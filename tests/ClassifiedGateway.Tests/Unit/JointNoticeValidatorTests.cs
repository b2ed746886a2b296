using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;
using ClassifiedGateway.Tests.Harness;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The fields the Art. 6.3 joint notices, and a ClassificationChange claiming jointly created information, must carry.</summary>
public sealed class JointNoticeValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2027-01-10T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, Case, string> Broken => new()
    {
        // what is wrong, kind, the one field named ("" = valid)
        { "a valid declaration", Case.JointCreationNotice, "" },
        { "declaration without information id", Case.JointCreationNotice, "joint_creation_notice.information_id" },
        { "declaration without level", Case.JointCreationNotice, "joint_creation_notice.level" },
        { "declaration without creation time", Case.JointCreationNotice, "joint_creation_notice.created_at" },
        { "a valid confirmation", Case.JointCreationConfirmation, "" },
        { "confirmation without information id", Case.JointCreationConfirmation, "joint_creation_confirmation.information_id" },
        { "confirmation answering nothing", Case.JointCreationConfirmation, "envelope.in_reply_to" },
        { "a valid agreement", Case.JointClassificationChangeAgreement, "" },
        { "agreement without information id", Case.JointClassificationChangeAgreement, "joint_classification_change_agreement.information_id" },
        { "agreement to a level and declassification", Case.JointClassificationChangeAgreement, "joint_classification_change_agreement.new_level" },
        { "agreement to neither", Case.JointClassificationChangeAgreement, "joint_classification_change_agreement.new_level" },
        { "a valid joint change", Case.ClassificationChange, "" },
        { "joint change naming a transfer", Case.ClassificationChange, "classification_change.transfer_id" },
        { "joint change without information id", Case.ClassificationChange, "classification_change.joint_information_id" },
        { "joint change without agreement", Case.ClassificationChange, "classification_change.joint_agreement_reference" },
        { "information id on a change that is not joint", Case.ClassificationChange, "classification_change.joint_information_id" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_fault_names_its_field(string name, Case kind, string field)
    {
        var e = Notices.Envelope("n-1", Party.Kz, Now, kind);
        if (kind == Case.ClassificationChange && name != "information id on a change that is not joint")
        {
            e.ClassificationChange = new()
            {
                JointlyCreated = true, JointInformationId = "j-1", JointAgreementReference = "t-agr",
                NewLevel = ClassificationLevel.Secret, DecidedAt = e.CreatedAt,
            };
        }

        Break(e, name);

        var fields = EnvelopeValidator.Validate(e, Party.Kz, Now, TimeSpan.FromMinutes(5)).Select(v => v.Field).ToList();
        Assert.True(field.Length == 0 ? fields.Count == 0 : fields.SequenceEqual([field]), $"{name}: got [{string.Join(", ", fields)}]");
    }

    private static void Break(Envelope e, string name)
    {
        switch (name)
        {
            case "declaration without information id": e.JointCreationNotice.InformationId = ""; break;
            case "declaration without level": e.JointCreationNotice.Level = ClassificationLevel.Unspecified; break;
            case "declaration without creation time": e.JointCreationNotice.CreatedAt = null; break;
            case "confirmation without information id": e.JointCreationConfirmation.InformationId = ""; break;
            case "confirmation answering nothing": e.InReplyTo = ""; break;
            case "agreement without information id": e.JointClassificationChangeAgreement.InformationId = ""; break;
            case "agreement to a level and declassification": e.JointClassificationChangeAgreement.Declassified = true; break;
            case "agreement to neither": e.JointClassificationChangeAgreement.NewLevel = ClassificationLevel.Unspecified; break;
            case "joint change naming a transfer": e.ClassificationChange.TransferId = "t-1"; break;
            case "joint change without information id": e.ClassificationChange.JointInformationId = ""; break;
            case "joint change without agreement": e.ClassificationChange.JointAgreementReference = ""; break;
            case "information id on a change that is not joint": e.ClassificationChange.JointInformationId = "j-1"; break;
        }
    }
}
