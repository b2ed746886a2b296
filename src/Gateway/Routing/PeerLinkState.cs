using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Whether the other node is reachable, as the relay's calls and the idle probe find it: since when it fails and why,
/// or since when it answers (for readiness, the operators' status strip and the episode log).</summary>
internal sealed class PeerLinkState : IDisposable
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;
    private DateTimeOffset? _reachableSince;
    private bool _relayLogged;
    private bool _probeLogged;

    /// <summary>Pulsed when the link turns reachable or unreachable, and when an operator asks for a retry.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>Pulsed when an operator asks to retry the relay now: the probe stops waiting.</summary>
    public AsyncSignal RetryRequested { get; } = new();

    private CancellationTokenSource _retry = new();

    /// <summary>Cancelled when an operator asks to retry the relay now: the relay's current round (its backoff) ends.</summary>
    public CancellationToken RetryToken => Volatile.Read(ref _retry).Token;

    /// <summary>Since when relay attempts or probes fail (null while they succeed).</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            lock (_lock)
            {
                return _failingSince;
            }
        }
    }

    /// <summary>Since when the other node answers (null before its first answer and while it fails).</summary>
    public DateTimeOffset? ReachableSince
    {
        get
        {
            lock (_lock)
            {
                return _reachableSince;
            }
        }
    }

    /// <summary>The last failure's cause, as "Status: detail" (bounded).</summary>
    public string? Cause { get; private set; }

    /// <summary>What the peer (or the network) last answered, kept so an open circuit or a retry deadline still names the cause.</summary>
    private string? _lastAnswer;

    /// <summary>Records a failed relay attempt (each retry's, or a whole execution's) or a failed probe. True when the caller should
    /// log it: the relay's first failure of an episode (which the probe may have opened), or a probe's when nothing was logged yet.</summary>
    public bool Failed(Exception exception, DateTimeOffset at, bool byProbe = false)
    {
        bool log;
        var opened = false;
        lock (_lock)
        {
            if (exception is RpcException or HttpRequestException)
            {
                _lastAnswer = Describe(exception);
            }

            Cause = exception is BrokenCircuitException or TimeoutRejectedException && _lastAnswer is { } last
                ? $"{last} ({Describe(exception)})"
                : Describe(exception);
            if (byProbe)
            {
                log = !_probeLogged && !_relayLogged;
                _probeLogged |= log;
            }
            else
            {
                log = !_relayLogged;
                _relayLogged = true;
            }

            if (_failingSince is null)
            {
                _failingSince = at;
                _reachableSince = null;
                opened = true;
            }
        }

        if (opened)
        {
            Changed.Pulse();
        }

        return log;
    }

    /// <summary>Records a successful call or probe; when it closes an episode, its length and which failure lines were logged
    /// (so the recovery is logged once, by the same voice).</summary>
    public ClosedEpisode? Succeeded(DateTimeOffset at)
    {
        ClosedEpisode? closed;
        var changed = false;
        lock (_lock)
        {
            _lastAnswer = null;
            if (_reachableSince is null)
            {
                _reachableSince = at;
                changed = true;
            }

            closed = _failingSince is { } since ? new ClosedEpisode(at - since, _relayLogged, _probeLogged) : null;
            _failingSince = null;
            _relayLogged = _probeLogged = false;
        }

        if (changed)
        {
            Changed.Pulse();
        }

        return closed;
    }

    /// <summary>An operator asked to retry now: wake the relay and the probe (the relay also closes its circuit).</summary>
    public void RequestRetry()
    {
        // The old source is cancelled, not disposed: a round may still be linking to its token.
        Interlocked.Exchange(ref _retry, new CancellationTokenSource()).Cancel();
        RetryRequested.Pulse();
        Changed.Pulse();
    }

    public void Dispose() => Volatile.Read(ref _retry).Dispose();

    /// <summary>The gRPC status code and detail when there is one; never exception text from this node's own code.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {Domain.SafeText.Bounded(rpc.Status.Detail, 200)}",
        BrokenCircuitException => "circuit open after repeated failures",
        TimeoutRejectedException => "DeadlineExceeded: no answer within the attempt deadline",
        HttpRequestException http => $"Unavailable: {Domain.SafeText.Bounded(http.Message, 200)}",
        _ => exception.GetType().Name,
    };
}

/// <summary>An outage that ended: how long it lasted, and whether the relay and the probe logged its start.</summary>
internal readonly record struct ClosedEpisode(TimeSpan Outage, bool RelayLogged, bool ProbeLogged);
