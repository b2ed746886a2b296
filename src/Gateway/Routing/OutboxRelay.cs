using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Polly;
using ClassifiedGateway.Gateway.Security;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Carries the outbox to the other node, oldest first, one call at a time so acceptance order is kept.</summary>
/// <remarks>An entry leaves the outbox only when the peer's receipt for it is recorded; a crash at any point
/// means it is sent again, and the peer's dedup by id answers the retry with the same receipt.</remarks>
internal sealed partial class OutboxRelay(
    IGatewayStore store, PeerLink peer, NodeKeys keys, TimeProvider time, IOptions<RelayOptions> relayOptions, IOptions<GatewayOptions> gatewayOptions,
    PeerLinkState link, ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly CircuitBreakerStateProvider _circuit = new();

    /// <summary>The entry the peer refused with a non-transient status, sent alone until it passes or is given up.</summary>
    private (long Sequence, int Attempts)? _suspect;

    /// <summary>Whether the link to the peer is currently refused by the circuit breaker.</summary>
    public CircuitState PeerCircuit => _circuit.CircuitState;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = relayOptions.Value;
        var pipeline = RelayPipeline.Build(options, time, _circuit);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = store.Signals.Outbox.Next;
            List<OutboxEntry>? run = null;
            try
            {
                var entries = await store.ReadOutboxAsync(options.BatchSize, stoppingToken);
                if (entries.Count == 0)
                {
                    await Waits.SignalOrTimeoutAsync(wake, options.IdlePoll, time, stoppingToken);
                    continue;
                }

                // While an entry is suspected of being refused for good, it goes alone, so the refusal is its own.
                run = [.. entries.TakeWhile(e => e.Type == entries[0].Type).Take(_suspect is null ? int.MaxValue : 1)];
                await pipeline.ExecuteAsync(async ct =>
                {
                    try
                    {
                        await SendAsync(run, ct);
                    }
                    catch (Exception e) when (link.Observe(e))
                    {
                        throw;
                    }
                }, stoppingToken);
                _suspect = null;
                if (link.Succeeded(time.GetUtcNow()) is { } outage)
                {
                    LogRelayRecovered(logger, outage.TotalSeconds, await store.OutboxDepthAsync(stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (RelayPipeline.IsPermanent(e) && run is { Count: > 0 } && await GiveUpAsync(run, e, options, stoppingToken))
                {
                    continue;
                }

                if (link.Failed(e, time.GetUtcNow()))
                {
                    LogRelayFailing(logger, time.GetUtcNow(), link.Cause ?? PeerLinkState.Describe(e), _circuit.CircuitState.ToString());
                }

                try
                {
                    await Task.Delay(options.FailureBackoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
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
        await store.FailOutboxEntryAsync(first.Sequence, first.MessageId, first.Type, reason, time.GetUtcNow(), wait.Token);
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

    private async ValueTask SendAsync(List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        var from = gatewayOptions.Value.LocalParty;
        if (run[0].Type == OutboxEntryType.Notice)
        {
            var request = new RelayRequest { FromParty = from };
            request.Notices.AddRange(run.Select(e => new RelayedNotice
            {
                Sequence = e.Sequence,
                Envelope = ByteString.CopyFrom(e.EnvelopeBytes),
                AcceptedAt = Times.ToTimestamp(e.At),
                Signature = ByteString.CopyFrom(keys.SignNotice(e.Sequence, e.At, e.EnvelopeBytes!)),
            }));
            var response = await peer.Client.RelayAsync(request, cancellationToken: cancellationToken);
            if (response.Receipts.Count != run.Count)
            {
                throw new InvalidOperationException($"The peer answered {response.Receipts.Count} receipts for {run.Count} notices.");
            }

            // Keep only receipts that are the peer's own and match what we sent; the first one that is not stops the run.
            var receipts = new List<ReceiptForEntry>(run.Count);
            for (var i = 0; i < run.Count; i++)
            {
                if (ReceiptProblem(run[i], response.Receipts[i]) is { } problem)
                {
                    using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
                    await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
                    await store.RecordAlarmAsync(run[i].MessageId, $"ALARM: receipt rejected: {problem}", time.GetUtcNow(), wait.Token);
                    LogReceiptRejected(logger, run[i].MessageId, problem);
                    throw new ReceiptRejectedException(run[i].MessageId);
                }

                receipts.Add(new ReceiptForEntry(run[i].Sequence, run[i].MessageId, response.Receipts[i]));
            }

            using (var wait = StoreWait(relayOptions.Value, CancellationToken.None))
            {
                await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
            }

            LogRelayed(logger, run.Count, run[^1].Sequence);
        }
        else
        {
            var request = new RelayStatusRequest { FromParty = from };
            request.Reports.AddRange(run.Select(e => keys.SignStatus(new StatusReport
            {
                Sequence = e.Sequence,
                MessageId = e.MessageId,
                Stage = e.StatusStage,
                At = Times.ToTimestamp(e.At),
                ByBody = e.ByBody ?? "",
            })));
            await peer.Client.RelayStatusAsync(request, cancellationToken: cancellationToken);
            using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
            await store.CompleteOutboxAsync([.. run.Select(e => e.Sequence)], wait.Token);
        }
    }

    private string? ReceiptProblem(OutboxEntry entry, Receipt receipt)
    {
        if (!keys.PeerSignedReceipt(receipt))
        {
            return "its signature is not the peer node's";
        }

        if (receipt.MessageId != entry.MessageId)
        {
            return $"it is for '{receipt.MessageId}'";
        }

        return receipt.Status == ReceiptStatus.Stored && !receipt.EnvelopeDigest.Span.SequenceEqual(Digests.Sha256(entry.EnvelopeBytes))
            ? "its digest does not match the notice sent"
            : null;
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Receipt for {MessageId} rejected: {Problem}; the stage is not advanced")]
    private static partial void LogReceiptRejected(ILogger logger, string messageId, string problem);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Relayed {Count} notices up to outbox sequence {Sequence}")]
    private static partial void LogRelayed(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Relay to the peer failing since {Since:O}: {Cause}; circuit {CircuitState}; retrying (logged once until it recovers)")]
    private static partial void LogRelayFailing(ILogger logger, DateTimeOffset since, string cause, string circuitState);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Relay to the peer recovered after {Seconds:F1} s; {Waiting} waiting")]
    private static partial void LogRelayRecovered(ILogger logger, double seconds, long waiting);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Outbox entry {Sequence} for {MessageId} given up as FAILED: the other node keeps refusing it ({Cause})")]
    private static partial void LogGivenUp(ILogger logger, string messageId, long sequence, string cause);
}

/// <summary>The peer answered with a receipt that is not its own or does not match the notice sent.</summary>
internal sealed class ReceiptRejectedException(string messageId) : Exception($"Receipt for '{messageId}' rejected.");
