using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>The one place a Timestamp or Duration from outside becomes a .NET value: range-checked first, never thrown.</summary>
/// <remarks>Google.Protobuf's own conversions throw on nanos out of range or years outside 1–9999; a caller's bytes must
/// never reach them unchecked.</remarks>
public static class WireTimes
{
    /// <summary>0001-01-01T00:00:00Z as Unix seconds.</summary>
    public const long MinSeconds = -62_135_596_800;

    /// <summary>9999-12-31T23:59:59Z as Unix seconds.</summary>
    public const long MaxSeconds = 253_402_300_799;

    /// <summary>The longest duration the gateway ever takes from outside (about 100 years).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_600);

    /// <summary>Whether <paramref name="value"/> is a well-formed Timestamp within years 1–9999.</summary>
    public static bool IsValid(Timestamp? value) =>
        value is not null && value.Seconds is >= MinSeconds and <= MaxSeconds && value.Nanos is >= 0 and <= 999_999_999;

    /// <summary>Converts a range-checked Timestamp; false (and default) when it is missing or out of range.</summary>
    public static bool TryToDateTimeOffset(Timestamp? value, out DateTimeOffset result)
    {
        result = default;
        if (!IsValid(value))
        {
            return false;
        }

        result = value!.ToDateTimeOffset();
        return true;
    }

    /// <summary>Converts a range-checked Duration (|value| at most <see cref="MaxDuration"/>, nanos with the seconds' sign).</summary>
    public static bool TryToTimeSpan(Duration? value, out TimeSpan result)
    {
        result = default;
        if (value is null || value.Nanos is <= -1_000_000_000 or >= 1_000_000_000
            || (value.Seconds > 0 && value.Nanos < 0) || (value.Seconds < 0 && value.Nanos > 0)
            || Math.Abs(value.Seconds) > (long)MaxDuration.TotalSeconds)
        {
            return false;
        }

        result = value.ToTimeSpan();
        return true;
    }

    /// <summary><paramref name="start"/> + <paramref name="offset"/>, clamped to the representable range instead of overflowing.</summary>
    public static DateTimeOffset AddClamped(DateTimeOffset start, TimeSpan offset)
    {
        var utcTicks = start.UtcTicks;
        if (offset > TimeSpan.Zero && utcTicks > DateTimeOffset.MaxValue.UtcTicks - offset.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        if (offset < TimeSpan.Zero && utcTicks < DateTimeOffset.MinValue.UtcTicks - offset.Ticks)
        {
            return DateTimeOffset.MinValue;
        }

        return start + offset;
    }
}
