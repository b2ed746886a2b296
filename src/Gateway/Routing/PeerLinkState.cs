using Grpc.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Whether the relay currently reaches the other node: since when it fails, and why (for readiness and the episode log).</summary>
internal sealed class PeerLinkState
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;

    /// <summary>Since when relay attempts fail (null while they succeed).</summary>
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

    /// <summary>The last failure's cause, as "Status: detail" (bounded).</summary>
    public string? Cause { get; private set; }

    /// <summary>What the peer (or the network) last answered, kept so an open circuit or a retry deadline still names the cause.</summary>
    private string? _lastAnswer;

    /// <summary>Records a failed attempt (each retry's, or a whole execution's); true when it opens a new episode (the one time it is logged).</summary>
    public bool Failed(Exception exception, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (exception is RpcException or HttpRequestException)
            {
                _lastAnswer = Describe(exception);
            }

            Cause = exception is BrokenCircuitException or TimeoutRejectedException && _lastAnswer is { } last
                ? $"{last} ({Describe(exception)})"
                : Describe(exception);
            if (_failingSince is not null)
            {
                return false;
            }

            _failingSince = at;
            return true;
        }
    }

    /// <summary>Records a successful call; the episode's length when it closes one, else null.</summary>
    public TimeSpan? Succeeded(DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastAnswer = null;
            if (_failingSince is not { } since)
            {
                return null;
            }

            _failingSince = null;
            return at - since;
        }
    }

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
