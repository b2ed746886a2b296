using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>Admission control: when this node's own writer cannot keep up, new submits from its Party's systems are turned away
/// with RESOURCE_EXHAUSTED and google.rpc.RetryInfo instead of queueing without bound.</summary>
/// <remarks>The writer's backlog always counts. The relay's backlog (the outbox, what waits for the other node's receipt) counts
/// only while the link is up and this replica relays (<see cref="MaxRelayBacklog"/>): while the other node is down
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

    /// <summary>Outbox entries not yet receipted by the other node above which new submits are paced, while the link is up:
    /// a submit stream stops reading (HTTP/2 flow control holds the caller back), a unary Submit is answered RESOURCE_EXHAUSTED
    /// (RELAY_BACKLOG_FULL) with RetryInfo, until the backlog falls to <see cref="ResumeRelayBacklog"/>. 0 turns the bound off.</summary>
    /// <value>Default 4,000: about three seconds of what the relay carries on the 2-core reference machine (~1,300 notices/s
    /// fully acknowledged), so a notice waits seconds, not minutes, behind the others (docs/performance.md, "Pacing").</value>
    [Range(0, 10_000_000)]
    public int MaxRelayBacklog { get; set; } = 4_000;

    /// <summary>The low-water mark: a pacing episode ends when the backlog is at or below it (hysteresis, so submits are not
    /// switched on and off at every sample).</summary>
    /// <value>Default 2,000.</value>
    [Range(0, 10_000_000)]
    public int ResumeRelayBacklog { get; set; } = 2_000;

    /// <summary>How often the relay backlog is counted while the link is up (a link that goes down lifts the bound at once).</summary>
    /// <value>Default 100 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan RelayBacklogPoll { get; set; } = TimeSpan.FromMilliseconds(100);
}
