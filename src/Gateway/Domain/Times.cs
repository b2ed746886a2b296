using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>Conversions between the store's Unix milliseconds and the wire's Timestamp.</summary>
public static class Times
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>The instant as the store keeps it (whole milliseconds), so a first answer and its replay agree.</summary>
    public static DateTimeOffset AsStored(DateTimeOffset value) => FromUnixMs(ToUnixMs(value));

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static Timestamp ToTimestamp(long unixMs) => Timestamp.FromDateTimeOffset(FromUnixMs(unixMs));

    public static Timestamp ToTimestamp(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);
}
