namespace ClassifiedGateway.Gateway.Options;

/// <summary>The node's clock. Outside Production it can start at a chosen instant and be advanced.</summary>
public sealed class ClockOptions
{
    public const string SectionName = "Gateway:Clock";

    /// <summary>Start the clock at this instant (ignored in Production).</summary>
    public DateTimeOffset? StartAt { get; set; }
}
