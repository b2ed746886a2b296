using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>How the outbox is carried to the other node.</summary>
public sealed class RelayOptions
{
    public const string SectionName = "Gateway:Relay";

    /// <summary>Most outbox entries sent in one peer call.</summary>
    /// <value>Default 128.</value>
    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 128;

    /// <summary>Batches sent on the relay stream before the oldest is answered (the pipelining depth).</summary>
    /// <value>Default 8.</value>
    [Range(1, 64)]
    public int Window { get; set; } = 8;

    /// <summary>Deadline of one attempt to reach the peer.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one pipeline execution before the loop backs off.</summary>
    /// <value>Default 6.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>First retry delay; grows exponentially, with jitter.</summary>
    /// <value>Default 200 ms.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on one retry delay.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open after the peer keeps failing.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a pipeline execution failed as a whole.</summary>
    /// <value>Default 1 second.</value>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for new outbox work before the relay looks again anyway.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the link is probed (the other node's health service) while the outbox is empty, so an unreachable
    /// other node shows on the operators' strip and in readiness even when nothing waits to be sent.</summary>
    /// <value>Default 2 seconds.</value>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts of one outbox entry, sent alone, that the peer refuses with a non-transient status (INVALID_ARGUMENT,
    /// FAILED_PRECONDITION, PERMISSION_DENIED, ...) before the entry is given up as FAILED and the outbox moves on.</summary>
    /// <value>Default 3.</value>
    [Range(1, 100)]
    public int PermanentFailureAttempts { get; set; } = 3;

    /// <summary>Longest wait for the local store to record what the peer answered; the loop goes on after it (the peer dedups).</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan StoreWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
