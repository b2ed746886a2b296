using ClassifiedGateway.Gateway.Options;
using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The Polly pipeline the relay calls the peer through: retry (exponential, jitter) → circuit breaker → per-attempt deadline.</summary>
internal static class RelayPipeline
{
    public const string Name = "peer-relay";

    /// <summary>Set on an execution that runs a relay stream: the stream lives as long as the link, so the per-attempt deadline
    /// applies to each batch's answer inside it (OutboxRelay's watchdog) instead of to the whole execution.</summary>
    public static readonly ResiliencePropertyKey<bool> LongLivedStream = new("relay-stream");

    /// <summary>Failures worth trying again: the peer is down, slow, or overloaded.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
            or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled,
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException => true,
        _ => false,
    };

    /// <summary>A refusal that sending again will not change: the peer answered, with a status that is not about load or reachability.</summary>
    public static bool IsPermanent(Exception exception) => exception is RpcException rpc && !IsTransient(rpc) && rpc.StatusCode != StatusCode.OK;

    public static ResiliencePipeline Build(RelayOptions options, TimeProvider time, CircuitBreakerStateProvider? circuitState = null,
        CircuitBreakerManualControl? circuitControl = null)
    {
        var handle = new PredicateBuilder().Handle<Exception>(IsTransient);
        return new ResiliencePipelineBuilder { Name = Name, TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handle,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => IsTransient(e) && e is not BrokenCircuitException),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                StateProvider = circuitState,
                ManualControl = circuitControl,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = options.AttemptTimeout,
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(LongLivedStream, out var stream) && stream ? System.Threading.Timeout.InfiniteTimeSpan : options.AttemptTimeout),
            })
            .Build();
    }
}
