namespace ClassifiedGateway.Gateway.Time;

/// <summary>The system clock plus an offset that, outside Production, can be set at start and advanced.</summary>
/// <remarks>Timers still run on real time: deadline code reads GetUtcNow() on each tick rather than waiting for
/// a timer set to the deadline, so advancing the clock takes effect at the next tick.</remarks>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public AdjustableTimeProvider(DateTimeOffset? startAt = null)
    {
        if (startAt is { } start)
        {
            _offsetTicks = (start - System.GetUtcNow()).Ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward; it never goes back.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}
