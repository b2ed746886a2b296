using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Agreement;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Art. 15: the agreement's state from the configured facts, the notices in the ledger and the time.</summary>
public static class AgreementCalculator
{
    /// <param name="reading">How Art. 15.2 is read (<see cref="PolicyOptions.TerminationReading"/>).</param>
    public static AgreementState Compute(RulesOptions options, HostTimeZones zones, Party localParty,
        IReadOnlyList<LedgerEntry> domesticProcedures, IReadOnlyList<LedgerEntry> terminations, DateTimeOffset now,
        TerminationReading reading = TerminationReading.CivilCode)
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

        // Counted in the receiving Party's calendar, so both nodes end the agreement at the same instant.
        var receiver = notice.Envelope.ReceiverParty;
        var period = TerminationPeriod.From(reading, zones.DateIn(receiver, received), zones.For(receiver));
        state.TerminationReceivedOn = CalendarDates.From(period.ReceivedOn);
        state.TerminatesOn = CalendarDates.From(period.EndDate);
        state.TerminationReading = period.Reading;
        state.LastDayInForce = CalendarDates.From(period.LastDayInForce);
        state.TerminatedFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(period.TerminatedFrom);
        state.TerminationReadingDescription = TerminationPeriod.Describe(period.Reading);
        state.Status = now >= period.TerminatedFrom ? AgreementStatus.Terminated : AgreementStatus.TerminationPending;
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
