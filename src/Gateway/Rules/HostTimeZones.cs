using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Each Party's civil time zone, for date rules interpreted "in the host's time zone".</summary>
public sealed class HostTimeZones
{
    private readonly TimeZoneInfo _kz;
    private readonly TimeZoneInfo _tm;

    public HostTimeZones(RulesOptions options)
    {
        _kz = Resolve(options.KazakhstanTimeZone);
        _tm = Resolve(options.TurkmenistanTimeZone);
    }

    public TimeZoneInfo For(Party party) => party == Party.Tm ? _tm : _kz;

    public DateOnly DateIn(Party party, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, For(party)).DateTime);

    private static TimeZoneInfo Resolve(string id)
    {
        // Both Parties keep UTC+05:00 all year; a machine without tzdata still gets the right answer.
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(5), id, id);
    }
}
