using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Validation;
using Microsoft.Extensions.Options;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Obligations;

/// <summary>Base of the rules that open an obligation when a notice is accepted.</summary>
public abstract class ObligationRule(string id, string article, string checks, string? policyDefault, Case opensOn, Case closedBy) : IObligationRule
{
    public string Id { get; } = id;

    public string Article { get; } = article;

    public string Checks { get; } = checks;

    public RuleOutcome Outcome => RuleOutcome.Flag;

    public string? PolicyDefault { get; } = policyDefault;

    public ObligationPlan? Plan(Envelope envelope, DateTimeOffset acceptedAt) =>
        envelope.NoticeCase == opensOn ? Open(envelope, acceptedAt) : null;

    protected abstract ObligationPlan? Open(Envelope e, DateTimeOffset acceptedAt);

    protected ObligationPlan Owed(string description, bool policy, Party debtor, string debtorBody, DateTimeOffset due) =>
        new(Id, Article, description, policy, debtor, debtorBody, due, closedBy);
}

/// <summary>Art. 5.4: the receiving body confirms receipt in writing.</summary>
public sealed class ReceiptDueRule(IOptions<PolicyOptions> policy) : ObligationRule("RECEIPT_CONFIRMATION_DUE", "Art. 5.4",
    "A transfer opens an obligation on the receiving body to confirm receipt; overdue after the policy period from dispatch.",
    PolicyOptions.Describe(policy.Value.ReceiptConfirmationDue), Case.TransferNotice, Case.ReceiptConfirmation)
{
    protected override ObligationPlan Open(Envelope e, DateTimeOffset acceptedAt) => Owed(
        $"Receipt confirmation due {PolicyOptions.Describe(policy.Value.ReceiptConfirmationDue)} after dispatch",
        true, e.ReceiverParty, e.ReceiverBody, WireTimes.AddClamped(WireTimes.TryToDateTimeOffset(e.TransferNotice.DispatchedAt, out var dispatched) ? dispatched : acceptedAt, policy.Value.ReceiptConfirmationDue));
}

/// <summary>Art. 5.1: the asked competent body confirms (or not) the clearance in writing.</summary>
public sealed class ClearanceConfirmationDueRule(IOptions<PolicyOptions> policy) : ObligationRule("CLEARANCE_CONFIRMATION_DUE", "Art. 5.1",
    "A clearance confirmation request opens an obligation on the asked competent body; overdue after the policy period.",
    PolicyOptions.Describe(policy.Value.ClearanceConfirmationDue), Case.ClearanceConfirmationRequest, Case.ClearanceConfirmation)
{
    protected override ObligationPlan Open(Envelope e, DateTimeOffset acceptedAt) => Owed(
        $"Clearance confirmation due {PolicyOptions.Describe(policy.Value.ClearanceConfirmationDue)} after the request",
        true, e.ReceiverParty, e.ReceiverBody, WireTimes.AddClamped(acceptedAt, policy.Value.ClearanceConfirmationDue));
}

/// <summary>Art. 9: the host decides on a visit request before the visit starts.</summary>
public sealed class VisitDecisionDueRule(HostTimeZones zones) : ObligationRule("VISIT_DECISION_DUE", "Art. 9",
    "A visit request opens an obligation on the host to decide before the visit's first day (host's time zone).",
    null, Case.VisitRequest, Case.VisitDecision)
{
    protected override ObligationPlan? Open(Envelope e, DateTimeOffset acceptedAt)
    {
        if (!CalendarDates.TryToDateOnly(e.VisitRequest.FirstDay, out var firstDay))
        {
            return null;
        }

        var zone = zones.For(e.ReceiverParty);
        // Midnight in the host's zone, clamped: the first of January of year 1 east of UTC is before DateTimeOffset.MinValue.
        var midnight = firstDay.ToDateTime(TimeOnly.MinValue);
        var start = WireTimes.AddClamped(new DateTimeOffset(midnight, TimeSpan.Zero), -zone.GetUtcOffset(midnight));
        return Owed($"Visit decision due before the visit starts on {firstDay:yyyy-MM-dd}", false, e.ReceiverParty, e.ReceiverBody, start);
    }
}

/// <summary>Art. 11: the Party where a breach happened reports the investigation's results and measures.</summary>
public sealed class InvestigationResultDueRule(IOptions<PolicyOptions> policy) : ObligationRule("INVESTIGATION_RESULT_DUE", "Art. 11",
    "A breach notification opens an obligation on the notifying Party to report the investigation's results; overdue after the policy period.",
    PolicyOptions.Describe(policy.Value.InvestigationResultDue), Case.BreachNotification, Case.InvestigationResult)
{
    protected override ObligationPlan Open(Envelope e, DateTimeOffset acceptedAt) => Owed(
        $"Investigation result due {PolicyOptions.Describe(policy.Value.InvestigationResultDue)} after the breach notification",
        true, e.SenderParty, e.SenderBody, WireTimes.AddClamped(acceptedAt, policy.Value.InvestigationResultDue));
}
