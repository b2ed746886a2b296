using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Agreement;

/// <summary>Art. 15: which notices need the agreement in force. Protection traffic (Art. 15.3) always flows.</summary>
public static class AgreementTraffic
{
    /// <summary>New exchanges that only an agreement in force allows.</summary>
    public static readonly IReadOnlySet<Case> NeedsAgreementInForce = new HashSet<Case>
    {
        Case.ClearanceConfirmationRequest, Case.ClearanceConfirmation, Case.TransferNotice, Case.TransportArrangement,
        Case.VisitRequest, Case.CopyRequest, Case.CopyPermission, Case.CopyNotice, Case.ContractRegistration, Case.TerminationNotice,
        Case.JointCreationNotice, Case.JointCreationConfirmation,
    };
}

/// <summary>Art. 15.1: before entry into force only protection traffic and the notifications that bring it into force.</summary>
public sealed class AgreementNotInForceRule() : NoticeRule("AGREEMENT_NOT_IN_FORCE", "Art. 15.1",
    "Before entry into force, new clearance requests, transfers, arrangements, visits, copying, contracts and termination are refused.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context) =>
        context.Facts.Agreement.Status == AgreementStatus.NotInForce && AgreementTraffic.NeedsAgreementInForce.Contains(context.Envelope.NoticeCase)
            ? Verdict($"the agreement is not in force, so a {context.Envelope.NoticeCase} cannot be sent.")
            : null;
}

/// <summary>Art. 15.2–15.3: after termination only protection traffic flows.</summary>
public sealed class AgreementTerminatedRule() : NoticeRule("AGREEMENT_TERMINATED", "Art. 15.2, 15.3",
    "After termination (Gateway:Policy:TerminationReading), new clearance requests, transfers, arrangements, visits, copying, contracts and joint-creation declarations are refused; breach, investigation, classification change, destruction, third-party consent and receipts still flow.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var agreement = context.Facts.Agreement;
        return agreement.Status == AgreementStatus.Terminated && AgreementTraffic.NeedsAgreementInForce.Contains(context.Envelope.NoticeCase)
            ? Verdict($"the agreement is terminated (last day in force {Day(agreement.LastDayInForce)}, read as {agreement.TerminationReading}); a {context.Envelope.NoticeCase} can no longer be sent.")
            : null;
    }

    private static string Day(CalendarDate? d) => d is null ? "unknown" : $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";
}

/// <summary>Art. 15.2: one termination at a time.</summary>
public sealed class TerminationAlreadyPendingRule() : NoticeRule("TERMINATION_ALREADY_PENDING", "Art. 15.2",
    "A termination notice is refused while an earlier one is pending (sent, or received and running its six months).", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var agreement = context.Facts.Agreement;
        return context.Envelope.NoticeCase == Case.TerminationNotice && agreement.TerminationNoticeId.Length > 0
            && agreement.Status != AgreementStatus.Terminated
            ? Verdict($"termination notice {agreement.TerminationNoticeId} is already pending.")
            : null;
    }
}
