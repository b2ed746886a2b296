using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Agreement;

/// <summary>Art. 15.2, "six months after the day the notice is received", under one of two readings.</summary>
/// <param name="ReceivedOn">The day the notice was received, in the receiving Party's calendar.</param>
/// <param name="EndDate">The matching day six calendar months later (the month's last day where it has no such day).</param>
/// <param name="LastDayInForce">The last calendar day the agreement is in force.</param>
/// <param name="TerminatedFrom">The first instant it is no longer in force: the start of the day after <paramref name="LastDayInForce"/>.</param>
public sealed record TerminationPeriod(TerminationReading Reading, DateOnly ReceivedOn, DateOnly EndDate, DateOnly LastDayInForce, DateTimeOffset TerminatedFrom)
{
    /// <summary>The period for a notice received on <paramref name="receivedOn"/>, counted in <paramref name="zone"/> (the receiving Party's).</summary>
    public static TerminationPeriod From(TerminationReading reading, DateOnly receivedOn, TimeZoneInfo zone)
    {
        // DateOnly.AddMonths clamps to the month's last day: 31 August + 6 months = 28 (or 29) February, as RF Civil Code art. 192.3 says.
        var end = receivedOn.AddMonths(6);
        var lastDay = reading == TerminationReading.StartOfDay ? end.AddDays(-1) : end;
        return new TerminationPeriod(reading, receivedOn, end, lastDay, StartOfDay(lastDay.AddDays(1), zone));
    }

    /// <summary>The docs/rules.md section on the option; the default named in it is read from <see cref="PolicyOptions"/>.</summary>
    public static string Documentation => $"""

        ## When the agreement ends (Art. 15.2): `Gateway:Policy:TerminationReading`

        Art. 15.2: the agreement ends "six months after the day the notice is received". The day of receipt is the day
        the receiving node stored the `TerminationNotice` (its signed receipt), in the receiving Party's time zone
        (`Gateway:Rules:KazakhstanTimeZone` / `TurkmenistanTimeZone`), so both nodes end it at the same instant. The end
        date is the matching day six calendar months later, or the month's last day where it has no such day (31 August →
        28 February, or 29 February in a leap year). Two readings of that date are offered:

        | value | last day in force | first terminated instant |
        |---|---|---|
        | `CivilCode` | the end date | 00:00 on the day after the end date |
        | `StartOfDay` | the day before the end date | 00:00 on the end date |

        Default: `{new PolicyOptions().TerminationReading}`. The agreement was concluded in Russian, and both Parties count
        periods as RF Civil Code arts. 191–194 do (the Kazakh and Turkmen civil codes, drawn from the same CIS model code,
        count periods the same way):
        a period starts the day after the event, a period in months ends on the matching day of its last month (the
        month's last day where there is none), and what is due may be done until 24:00 of that day. So the agreement is
        still in force on the end date, and ending it one day early would cut off transfers the treaty still allows. Art.
        193 (a period ending on a non-working day moves to the next working day) is not applied: it governs acts a party
        must perform, not the lapse of a treaty, and the node would need both states' holiday calendars. `StartOfDay` is
        the gateway's former behaviour, kept for a Party that reads the article that way.

        `GetAgreementState` reports `terminates_on` (the end date), `last_day_in_force`, `terminated_from` (UTC),
        `termination_reading` and its description; the dashboard's banner and the demo's report show the last day in force
        with its reading.

        """;

    /// <summary>The reading in words, for operators and the catalogue.</summary>
    public static string Describe(TerminationReading reading) => reading switch
    {
        TerminationReading.StartOfDay => "start of day: terminated from 00:00 on the end date (six calendar months after the day of receipt)",
        _ => "civil code (RF Civil Code arts. 191–194): in force until 24:00 on the end date, terminated from 00:00 the day after",
    };

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>, stepping past a missing midnight (a DST gap).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        for (var i = 0; i < 4 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
