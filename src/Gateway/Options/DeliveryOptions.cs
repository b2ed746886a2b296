namespace ClassifiedGateway.Gateway.Options;

/// <summary>How received notices reach the Party's systems.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Gateway:Delivery";

    /// <summary>A delivered notice not acknowledged within this time is delivered again, marked as a redelivery.</summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an open stream looks for notices to redeliver.</summary>
    /// <value>Default 1 second.</value>
    public TimeSpan RedeliveryScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most notices read from the store per stream step.</summary>
    /// <value>Default 256.</value>
    public int ReadBatch { get; set; } = 256;
}
