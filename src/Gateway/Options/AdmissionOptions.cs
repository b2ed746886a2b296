using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>Admission control: when this node's own writer cannot keep up, new submits from its Party's systems are turned away
/// with RESOURCE_EXHAUSTED and google.rpc.RetryInfo instead of queueing without bound.</summary>
/// <remarks>Only the writer's backlog counts. The outbox (what waits for the other node) never does: while the other node is down
/// store-and-forward must keep taking notices, and the outbox is on disk, not in memory.</remarks>
public sealed class AdmissionOptions
{
    public const string SectionName = "Gateway:Admission";

    /// <summary>Submits (unary or streamed items) waiting for the writer at once; one more is refused.</summary>
    /// <value>Default 50,000 (the writer's queue holds 100,000 operations).</value>
    [Range(1, 1_000_000)]
    public int MaxPendingWrites { get; set; } = 50_000;

    /// <summary>Recent time from queueing a submit to its commit; above it new submits are refused while more than
    /// <see cref="LatencyProbeWrites"/> are still waiting (fewer keep being admitted, so the measure recovers).</summary>
    /// <value>Default 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxWriteLatency { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Submits always admitted while the latency bound is exceeded, so the latency keeps being measured.</summary>
    /// <value>Default 16.</value>
    [Range(1, 100_000)]
    public int LatencyProbeWrites { get; set; } = 16;

    /// <summary>The delay a refused caller is told to wait (google.rpc.RetryInfo.retry_delay).</summary>
    /// <value>Default 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
