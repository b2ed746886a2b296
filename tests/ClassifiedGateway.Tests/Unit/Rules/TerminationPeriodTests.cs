using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Agreement;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 15.2 under both readings: end dates at month ends and in leap years, the last in-force and the first
/// terminated instant, counted in the receiving Party's time zone.</summary>
public sealed class TerminationPeriodTests
{
    private const TerminationReading Civil = TerminationReading.CivilCode;
    private const TerminationReading Start = TerminationReading.StartOfDay;

    public static TheoryData<string, TerminationReading, string, string, string, string> Periods => new()
    {
        // reading, received (instant, in UTC+05:00 unless said), end date, last day in force, first terminated instant (UTC)
        { "mid-month, civil code", Civil, "2027-03-10T10:00:00+05:00", "2027-09-10", "2027-09-10", "2027-09-10T19:00:00Z" },
        { "mid-month, start of day", Start, "2027-03-10T10:00:00+05:00", "2027-09-10", "2027-09-09", "2027-09-09T19:00:00Z" },
        { "31 August to leap February, civil code", Civil, "2027-08-31T10:00:00+05:00", "2028-02-29", "2028-02-29", "2028-02-29T19:00:00Z" },
        { "31 August to leap February, start of day", Start, "2027-08-31T10:00:00+05:00", "2028-02-29", "2028-02-28", "2028-02-28T19:00:00Z" },
        { "31 August to common February, civil code", Civil, "2026-08-31T10:00:00+05:00", "2027-02-28", "2027-02-28", "2027-02-28T19:00:00Z" },
        { "31 August to common February, start of day", Start, "2026-08-31T10:00:00+05:00", "2027-02-28", "2027-02-27", "2027-02-27T19:00:00Z" },
        { "30 August to leap February, civil code", Civil, "2027-08-30T10:00:00+05:00", "2028-02-29", "2028-02-29", "2028-02-29T19:00:00Z" },
        { "29 August to common February, civil code", Civil, "2026-08-29T10:00:00+05:00", "2027-02-28", "2027-02-28", "2027-02-28T19:00:00Z" },
        { "28 August to leap February: the matching day exists", Civil, "2027-08-28T10:00:00+05:00", "2028-02-28", "2028-02-28", "2028-02-28T19:00:00Z" },
        { "29 February (leap) to 29 August", Civil, "2028-02-29T10:00:00+05:00", "2028-08-29", "2028-08-29", "2028-08-29T19:00:00Z" },
        { "31 December to 30 June, across the year", Civil, "2027-12-31T10:00:00+05:00", "2028-06-30", "2028-06-30", "2028-06-30T19:00:00Z" },
        { "31 December to 30 June, start of day", Start, "2027-12-31T10:00:00+05:00", "2028-06-30", "2028-06-29", "2028-06-29T19:00:00Z" },
        { "received 19:30Z is the next day in the host zone, civil code", Civil, "2027-03-09T19:30:00Z", "2027-09-10", "2027-09-10", "2027-09-10T19:00:00Z" },
        { "received 18:59Z is still the same day in the host zone, civil code", Civil, "2027-03-09T18:59:00Z", "2027-09-09", "2027-09-09", "2027-09-09T19:00:00Z" },
        { "received 19:30Z is the next day in the host zone, start of day", Start, "2027-03-09T19:30:00Z", "2027-09-10", "2027-09-09", "2027-09-09T19:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void The_period_ends_as_its_reading_says(string name, TerminationReading reading, string received, string end, string lastDay, string terminatedFrom)
    {
        var state = StateAt(reading, received, At(terminatedFrom));

        Assert.True(Date(end) == Day(state.TerminatesOn), $"{name}: end date {Day(state.TerminatesOn)}");
        Assert.True(Date(lastDay) == Day(state.LastDayInForce), $"{name}: last day in force {Day(state.LastDayInForce)}");
        Assert.True(At(terminatedFrom) == state.TerminatedFrom.ToDateTimeOffset(), $"{name}: terminated from {state.TerminatedFrom}");
        Assert.Equal(reading, state.TerminationReading);
        Assert.Equal(TerminationPeriod.Describe(reading), state.TerminationReadingDescription);

        // The last in-force instant and the first terminated one, each side of the boundary.
        Assert.True(AgreementStatus.TerminationPending == StateAt(reading, received, At(terminatedFrom).AddTicks(-1)).Status, $"{name}: one tick before");
        Assert.True(AgreementStatus.Terminated == StateAt(reading, received, At(terminatedFrom)).Status, $"{name}: at the boundary");
    }

    public static TheoryData<string, string, string, string> HostZones => new()
    {
        // Turkmenistan's configured zone (the receiver's), received instant, last day in force, first terminated instant (UTC)
        { "receiver in UTC+05:00 (Asia/Ashgabat)", "Asia/Ashgabat", "2027-03-09T20:00:00Z", "2027-09-10T19:00:00Z" },
        { "receiver in UTC+03:00: the same instant is still 9 March", "Europe/Moscow", "2027-03-09T20:00:00Z", "2027-09-09T21:00:00Z" },
        { "receiver in UTC (Etc/UTC)", "Etc/UTC", "2027-03-10T00:00:00Z", "2027-09-11T00:00:00Z" },
        { "receiver with summer time: the end falls in CEST", "Europe/Berlin", "2027-03-10T12:00:00Z", "2027-09-10T22:00:00Z" },
    };

    /// <summary>The period is counted in the receiving Party's configured zone, not the host machine's or the node's own.</summary>
    [Theory]
    [MemberData(nameof(HostZones))]
    public void The_receiving_Partys_time_zone_decides_the_days(string name, string zone, string received, string terminatedFrom)
    {
        var options = new RulesOptions { TurkmenistanTimeZone = zone };
        var zones = new HostTimeZones(options);
        var notice = Held(received);

        foreach (var localParty in new[] { Party.Kz, Party.Tm })
        {
            var before = AgreementCalculator.Compute(options, zones, localParty, [], [notice], At(terminatedFrom).AddSeconds(-1), Civil);
            var after = AgreementCalculator.Compute(options, zones, localParty, [], [notice], At(terminatedFrom), Civil);

            Assert.True(AgreementStatus.TerminationPending == before.Status, $"{name} at {localParty}: one second before");
            Assert.True(AgreementStatus.Terminated == after.Status, $"{name} at {localParty}: at the boundary");
            Assert.Equal(At(terminatedFrom), after.TerminatedFrom.ToDateTimeOffset());
        }
    }

    [Fact]
    public void The_default_reading_is_the_civil_code()
    {
        Assert.Equal(Civil, new PolicyOptions().TerminationReading);
        var engine = RulesServiceCollectionExtensions.BuildEngine();
        var state = engine.Agreement(new InMemoryLedger([Held("2027-03-10T10:00:00+05:00")]), Party.Kz, At("2027-09-10T23:59:59+05:00"));
        Assert.Equal(AgreementStatus.TerminationPending, state.Status);
        Assert.Equal(Civil, state.TerminationReading);
    }

    private static AgreementState StateAt(TerminationReading reading, string received, DateTimeOffset now) =>
        AgreementCalculator.Compute(new RulesOptions(), RuleCases.Zones, Party.Kz, [], [Held(received)], now, reading);

    /// <summary>Kazakhstan's termination notice, received by Turkmenistan at <paramref name="received"/>.</summary>
    private static LedgerEntry Held(string received)
    {
        var e = new Envelope { Id = "term-1", SenderParty = Party.Kz, SenderBody = "kz-knb", ReceiverParty = Party.Tm, ReceiverBody = "tm-mns", TerminationNotice = new() };
        return new LedgerEntry(e.Id, e, Direction.Outbound, Stage.Relayed, At(received).AddDays(-1), At(received));
    }

    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static DateOnly? Day(CalendarDate? d) => d is null || d.Year == 0 ? null : new DateOnly(d.Year, d.Month, d.Day);
}
