using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing.Overload;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Lease;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Carries the outbox to the other node, oldest first, in acceptance order: on the pipelined relay stream, or one
/// call at a time when the peer has no stream or an entry is suspected of a lasting refusal.</summary>
/// <remarks>An entry leaves the outbox only when the peer's receipt for it is recorded; a crash at any point
/// means it is sent again, and the peer's dedup by id answers the retry with the same receipt.</remarks>
internal sealed partial class OutboxRelay(
    IGatewayStore store, PeerLink peer, NodeKeys keys, TimeProvider time, IOptions<RelayOptions> relayOptions, IOptions<GatewayOptions> gatewayOptions,
    IOptions<LimitsOptions> limits, PeerLinkState link, IRelayLease lease, RelayBacklogGate backlog, ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly CircuitBreakerManualControl _circuitControl = new();

    /// <summary>The entry the peer refused with a non-transient status, sent alone until it passes or is given up.</summary>
    private (long Sequence, int Attempts)? _suspect;

    /// <summary>Whether the link to the peer is currently refused by the circuit breaker.</summary>
    public CircuitState PeerCircuit => _circuit.CircuitState;

    /// <summary>An operator's "retry now": closes the circuit (its failure count starts again) and wakes the relay out of any backoff.</summary>
    public async Task RetryNowAsync(CancellationToken cancellationToken)
    {
        await _circuitControl.CloseAsync(cancellationToken);
        link.RequestRetry();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = relayOptions.Value;
        var pipeline = RelayPipeline.Build(options, time, _circuit, _circuitControl);
        while (!stoppingToken.IsCancellationRequested)
        {
            // One replica relays: wait for the lease; losing it cancels the round, and so any call in flight, at once.
            CancellationToken held;
            try
            {
                held = await lease.AcquireAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            List<OutboxEntry>? run = null;
            // An operator's retry cancels this round's backoff (and any call in flight: resending is harmless, the peer dedups).
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, link.RetryToken, held);
            try
            {
                if (StreamAllowed)
                {
                    // The peer is called only when there is something to send, as with one call at a time.
                    var pending = store.Signals.Outbox.Next;
                    if ((await store.ReadOutboxAsync(1, stoppingToken)).Count == 0)
                    {
                        await Waits.SignalOrTimeoutAsync(pending, options.IdlePoll, time, stoppingToken);
                        continue;
                    }

                    _oldestUnanswered = null;
                    await RunStreamThroughAsync(pipeline, round);
                    continue;
                }

                var wake = store.Signals.Outbox.Next;
                var entries = await store.ReadOutboxAsync(options.BatchSize, stoppingToken);
                if (entries.Count == 0)
                {
                    await Waits.SignalOrTimeoutAsync(wake, options.IdlePoll, time, stoppingToken);
                    continue;
                }

                // While an entry is suspected of being refused for good, it goes alone, so the refusal is its own.
                run = RelayRuns.Take(entries, _suspect is null ? options.BatchSize : 1, limits.Value.MaxMessageBytes);
                await pipeline.ExecuteAsync(async ct =>
                {
                    try
                    {
                        await SendAsync(run, ct);
                    }
                    catch (Exception e) when (!round.IsCancellationRequested && NoteFailure(e))
                    {
                        throw;
                    }
                }, round.Token);
                _suspect = null;
                if (link.Succeeded(time.GetUtcNow()) is { } closed)
                {
                    PeerLinkLog.Closed(logger, closed, closed.RelayLogged ? await store.OutboxDepthAsync(stoppingToken) : 0);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (round.IsCancellationRequested)
            {
                // Retry now: go round at once.
            }
            catch (Exception e)
            {
                run ??= _oldestUnanswered;
                if (RelayPipeline.IsPermanent(e) && run is { Count: > 0 } && await TryGiveUpAsync(run, e, options, stoppingToken))
                {
                    continue;
                }

                NoteFailure(e);

                try
                {
                    await Task.Delay(options.FailureBackoff, time, round.Token);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Retry now.
                }
            }
        }
    }

    /// <summary>A stream through the same pipeline (retry, circuit breaker) with the deadline applied per batch inside it.</summary>
    private async Task RunStreamThroughAsync(ResiliencePipeline pipeline, CancellationTokenSource round)
    {
        var context = ResilienceContextPool.Shared.Get(round.Token);
        context.Properties.Set(RelayPipeline.LongLivedStream, true);
        try
        {
            await pipeline.ExecuteAsync(async ctx =>
            {
                try
                {
                    await RunStreamAsync(ctx.CancellationToken);
                }
                catch (Exception e) when (!round.IsCancellationRequested && NoteFailure(e))
                {
                    throw;
                }
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Every failed attempt, the pipeline's retries included, counts for the episode; only its first is logged.
    /// Used as an exception filter: always false.</summary>
    private bool NoteFailure(Exception e)
    {
        if (link.Failed(e, time.GetUtcNow()))
        {
            PeerLinkLog.Failing(logger, time.GetUtcNow(), link.Cause ?? PeerLinkState.Describe(e), _circuit.CircuitState.ToString());
        }

        return false;
    }

    /// <summary><see cref="GiveUpAsync"/>, never throwing out of the loop: a store that cannot record it now means trying again later.</summary>
    private async Task<bool> TryGiveUpAsync(List<OutboxEntry> run, Exception e, RelayOptions options, CancellationToken stoppingToken)
    {
        try
        {
            return await GiveUpAsync(run, e, options, stoppingToken);
        }
        catch (Exception failed) when (!stoppingToken.IsCancellationRequested)
        {
            LogGiveUpNotRecorded(logger, run[0].MessageId, failed.GetType().Name);
            return false;
        }
    }

    /// <summary>A non-transient refusal: a batch is narrowed to its first entry; an entry refused alone often enough is marked
    /// FAILED with the peer's status and leaves the outbox. True when the loop should go on at once.</summary>
    private async Task<bool> GiveUpAsync(List<OutboxEntry> run, Exception e, RelayOptions options, CancellationToken stoppingToken)
    {
        var first = run[0];
        var attempts = run.Count == 1 && _suspect is { } s && s.Sequence == first.Sequence ? s.Attempts + 1 : run.Count == 1 ? 1 : 0;
        _suspect = (first.Sequence, attempts);
        if (attempts < options.PermanentFailureAttempts)
        {
            return attempts == 0;
        }

        var reason = $"the other node refused it {attempts} times: {PeerLinkState.Describe(e)}";
        using var wait = StoreWait(options, stoppingToken);
        await store.FailOutboxEntryAsync(first.Sequence, first.Key, first.Type, reason, time.GetUtcNow(), wait.Token);
        LogGivenUp(logger, first.MessageId, first.Sequence, PeerLinkState.Describe(e));
        _suspect = null;
        return true;
    }

    /// <summary>A bound on waiting for our own store: the write goes ahead regardless, and a receipt not recorded is asked for again.</summary>
    private static CancellationTokenSource StoreWait(RelayOptions options, CancellationToken cancellationToken)
    {
        var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.StoreWriteTimeout);
        return wait;
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Receipt for {MessageId} rejected: {Problem}; the stage is not advanced")]
    private static partial void LogReceiptRejected(ILogger logger, string messageId, string problem);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Relayed {Count} notices up to outbox sequence {Sequence}")]
    private static partial void LogRelayed(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Giving up outbox entry for {MessageId} could not be recorded ({ErrorType}); will try again")]
    private static partial void LogGiveUpNotRecorded(ILogger logger, string messageId, string errorType);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Outbox entry {Sequence} for {MessageId} given up as FAILED: the other node keeps refusing it ({Cause})")]
    private static partial void LogGivenUp(ILogger logger, string messageId, long sequence, string cause);
}

/// <summary>The peer answered with a receipt that is not its own or does not match the notice sent.</summary>
internal sealed class ReceiptRejectedException(string messageId) : Exception($"Receipt for '{messageId}' rejected.");
