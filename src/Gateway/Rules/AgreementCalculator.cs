using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Art. 15: the agreement's state from the configured facts, the notices in the ledger and the time.</summary>
public static class AgreementCalculator
{
    public static AgreementState Compute(RulesOptions options, HostTimeZones zones, Party localParty,
        IReadOnlyList<LedgerEntry> domesticProcedures, IReadOnlyList<LedgerEntry> terminations, DateTimeOffset now)
    {
        var today = zones.DateIn(localParty, now);
        var state = new AgreementState { Status = AgreementStatus.NotInForce };
        var inForce = options.EntryIntoForce ?? InForceFromNotices(zones, domesticProcedures);
        if (inForce is not { } since || today < since)
        {
            if (inForce is { } future)
            {
                state.InForceSince = CalendarDates.From(future);
            }

            return state;
        }

        state.InForceSince = CalendarDates.From(since);
        state.Status = AgreementStatus.InForce;
        if (terminations.OrderBy(t => t.AcceptedAt).FirstOrDefault() is not { } notice)
        {
            return state;
        }

        state.TerminationNoticeId = notice.Id;
        if (notice.ReceivedAt is not { } received)
        {
            // Sent, but the other Party's receipt is not recorded yet: the six months have not started.
            return state;
        }

        var receivedOn = zones.DateIn(notice.Envelope.ReceiverParty, received);
        var ends = receivedOn.AddMonths(6);
        state.TerminationReceivedOn = CalendarDates.From(receivedOn);
        state.TerminatesOn = CalendarDates.From(ends);
        state.Status = today >= ends ? AgreementStatus.Terminated : AgreementStatus.TerminationPending;
        return state;
    }

    /// <summary>Art. 15.1: in force from the day the last of both Parties' notifications was received.</summary>
    private static DateOnly? InForceFromNotices(HostTimeZones zones, IReadOnlyList<LedgerEntry> notices)
    {
        var received = notices
            .Where(n => n.ReceivedAt is not null)
            .GroupBy(n => n.Envelope.SenderParty)
            .Select(g => g.Min(n => zones.DateIn(n.Envelope.ReceiverParty, n.ReceivedAt!.Value)))
            .ToList();
        return received.Count == 2 ? received.Max() : null;
    }
}
