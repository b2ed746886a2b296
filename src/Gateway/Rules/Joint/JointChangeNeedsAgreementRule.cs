using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Joint;

/// <summary>Art. 6.3, para. 3: a level change or declassification of jointly created information needs the other co-creator's agreement to that same change, given before it.</summary>
public sealed class JointChangeNeedsAgreementRule() : NoticeRule("JOINT_CHANGE_NEEDS_AGREEMENT", "Art. 6.3",
    "A ClassificationChange of jointly created information is refused unless joint_agreement_reference names a JointClassificationChangeAgreement from the other co-creator (or its competent body) for the same information and the same new level or declassification, created no later than the change was decided.",
    RuleOutcome.Refuse)
{
    private const string Field = "classification_change.joint_agreement_reference";

    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.ClassificationChange || !e.ClassificationChange.JointlyCreated
            || JointRecord.Find(context.Facts, e.ClassificationChange.JointInformationId) is not { } joint)
        {
            // Not joint, or not recorded as joint: JOINT_INFORMATION_NOT_RECORDED answers that.
            return null;
        }

        var change = e.ClassificationChange;
        if (context.Facts.Find(change.JointAgreementReference, Case.JointClassificationChangeAgreement) is not { } found)
        {
            return Verdict($"'{SafeText.Bounded(change.JointAgreementReference)}' is not a known JointClassificationChangeAgreement.", Field);
        }

        var agreement = found.Envelope;
        var other = e.SenderParty == Party.Kz ? Party.Tm : Party.Kz;
        return Problem(context.Facts, joint, agreement, change, other) is { } problem
            ? Verdict($"JointClassificationChangeAgreement '{found.Id}' {problem}", Field)
            : null;
    }

    private static string? Problem(Facts facts, JointRecord joint, Envelope agreement, ClassificationChange change, Party other)
    {
        var agreed = agreement.JointClassificationChangeAgreement;
        if (agreement.SenderParty != other || !joint.SpeaksFor(facts, other, agreement.SenderBody))
        {
            return $"is not from the other co-creator '{joint.CoCreator(other)}'.";
        }

        if (agreed.InformationId != change.JointInformationId)
        {
            return $"concerns '{agreed.InformationId}', not '{change.JointInformationId}'.";
        }

        if (agreed.Declassified != change.Declassified || agreed.NewLevel != change.NewLevel)
        {
            return $"agreed to {Describe(agreed.Declassified, agreed.NewLevel)}, not {Describe(change.Declassified, change.NewLevel)}.";
        }

        var agreedAt = WireTimes.TryToDateTimeOffset(agreement.CreatedAt, out var a) ? a : DateTimeOffset.MaxValue;
        var decidedAt = WireTimes.TryToDateTimeOffset(change.DecidedAt, out var d) ? d : DateTimeOffset.MinValue;
        return agreedAt <= decidedAt ? null : $"was given at {agreedAt:u}, after the change was decided ({decidedAt:u}).";
    }

    private static string Describe(bool declassified, ClassificationLevel level) => declassified ? "declassification" : $"level {level}";
}
