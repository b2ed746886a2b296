using System.Diagnostics.Metrics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Feeds the metrics from the change feed (counters, latencies) and refreshes the gauges' values every few seconds,
/// so a scrape never waits on the store.</summary>
internal sealed partial class MetricsProjector(
    IGatewayStore store, IConsoleStore console, GatewayMetrics metrics, OutboxRelay relay, PeerLinkState link, AuditWatch audit,
    CertificateStore certificates, TimeProvider time, IOptions<TlsOptions> tls, StoreCounters counters, ILogger<MetricsProjector> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private volatile Gauges _gauges = new(0, 0, 0, 0, [], new(0, null, 0, null, 0, null), DateTimeOffset.MinValue);

    private sealed record Gauges(
        long Outbox, long Open, long Overdue, int CircuitOpen, IReadOnlyList<CertificateStatus> Certificates, LinkBacklog Backlog, DateTimeOffset At);

    private double Age(DateTimeOffset? since) => since is { } s ? Math.Max(0, (_gauges.At - s).TotalSeconds) : 0;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Observe("gateway_outbox_depth", "Outbox entries waiting for the other node.", () => [new(_gauges.Outbox)]);
        metrics.Observe("gateway_obligations_open", "Obligations waiting for their answer.", () => [new(_gauges.Open)]);
        metrics.Observe("gateway_obligations_overdue", "Obligations open past their due time.", () => [new(_gauges.Overdue)]);
        metrics.Observe("gateway_relay_batches_in_flight", "Batches on the relay stream sent to the other node and not yet answered.",
            () => [new(relay.BatchesInFlight)]);
        metrics.Observe("gateway_peer_circuit_open", "1 while the relay's circuit to the other node is open.", () => [new(_gauges.CircuitOpen)]);
        metrics.Observe("gateway_certificate_days_to_expiry", "Days until each certificate the node uses or trusts expires.",
            () => _gauges.Certificates.Select(c => new Measurement<double>(c.DaysLeft, new KeyValuePair<string, object?>("certificate", c.Name))));
        metrics.ObserveTotal("gateway_store_statements", "SQL statements the store sent to its engine, by side (the single writer or readers).",
            () => [new(counters.WriteStatements, new KeyValuePair<string, object?>("side", "write")), new(counters.ReadStatements, new KeyValuePair<string, object?>("side", "read"))]);
        metrics.ObserveTotal("gateway_store_commits", "Write transactions committed (one fsync of the log each).", () => [new(counters.Commits)]);
        metrics.Observe("gateway_outbox_oldest_age_seconds", "Age of the oldest outbox entry waiting for the other node (0 when none).",
            () => [new(Age(_gauges.Backlog.OldestWaitingSince))]);
        metrics.Observe("gateway_undelivered_notices", "Notices sent by this Party not yet delivered by the other node (ACCEPTED or RELAYED).",
            () => [new(_gauges.Backlog.Undelivered)]);
        metrics.Observe("gateway_undelivered_oldest_age_seconds", "Age of the oldest notice not yet delivered by the other node (0 when none).",
            () => [new(Age(_gauges.Backlog.OldestUndeliveredSince))]);
        metrics.Observe("gateway_unacknowledged_notices", "Notices delivered to the other Party's system but not acknowledged yet.",
            () => [new(_gauges.Backlog.Unacknowledged)]);
        metrics.Observe("gateway_peer_reachable", "1 while the other node answers (relay calls or the link probe), 0 while it does not.",
            () => [new(link.FailingSince is null && link.ReachableSince is not null ? 1 : 0)]);
        metrics.Observe("gateway_peer_unreachable_seconds", "How long the other node has not answered (0 while it answers).",
            () => [new(link.FailingSince is { } since ? Math.Max(0, (time.GetUtcNow() - since).TotalSeconds) : 0)]);
        metrics.Observe("gateway_audit_chain_intact", "The last verification of the audit chain: 1 intact, 0 broken (absent before the first).",
            () => audit.Latest is { } v ? [new(v.Verdict.Intact ? 1 : 0)] : []);
        metrics.Observe("gateway_audit_verified_timestamp_seconds", "When the audit chain was last verified (Unix seconds, the node's clock).",
            () => audit.Latest is { } v ? [new(v.At.ToUnixTimeMilliseconds() / 1000.0)] : []);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = await store.LatestChangeSequenceAsync(stoppingToken);
        var refreshed = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wake = store.Signals.Changes.Next;
                var events = await store.ReadStageChangesAsync(after, 500, stoppingToken);
                foreach (var e in events)
                {
                    Count(e);
                    after = e.Sequence;
                }

                if (time.GetUtcNow() - refreshed >= Refresh)
                {
                    await RefreshGaugesAsync(stoppingToken);
                    refreshed = time.GetUtcNow();
                }

                if (events.Count == 0)
                {
                    await Waits.SignalOrTimeoutAsync(wake, Refresh, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
                await Task.Delay(Refresh, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Count(StageEvent e)
    {
        var direction = e.Direction == Direction.Outbound ? "outbound" : "inbound";
        switch (e.EventKind)
        {
            case EventKind.Stage:
                metrics.StageEvents.Add(1, metrics.Tags(new("kind", e.Kind), new("stage", e.Stage.ToString()), new("direction", direction)));
                if (e.Stage == Stage.Failed && e.Refusal?.RuleId == "QUARANTINED")
                {
                    metrics.Quarantined.Add(1, metrics.Tags(new("kind", e.Kind), new("direction", direction)));
                }
                if (e.Direction == Direction.Outbound && e.MessageAcceptedAt is not null)
                {
                    var seconds = (e.At.ToDateTimeOffset() - e.MessageAcceptedAt.ToDateTimeOffset()).TotalSeconds;
                    if (e.Stage == Stage.Relayed)
                    {
                        metrics.RelayLatency.Record(seconds, metrics.Tags(new KeyValuePair<string, object?>("kind", e.Kind)));
                    }
                    else if (e.Stage == Stage.Acknowledged)
                    {
                        metrics.AcknowledgementLatency.Record(seconds, metrics.Tags(new KeyValuePair<string, object?>("kind", e.Kind)));
                    }
                }

                break;
            case EventKind.Alarm:
                metrics.Alarms.Add(1, metrics.Tags(new KeyValuePair<string, object?>("kind", e.Kind)));
                break;
        }
    }

    private async Task RefreshGaugesAsync(CancellationToken cancellationToken)
    {
        var (open, overdue) = await store.CountObligationsAsync(cancellationToken);
        _gauges = new Gauges(
            await store.OutboxDepthAsync(cancellationToken), open, overdue,
            relay.PeerCircuit is CircuitState.Open or CircuitState.Isolated ? 1 : 0,
            CertificateHealth.Of(certificates.Current, time.GetUtcNow(), tls.Value.ExpiryWarning),
            await console.ReadLinkBacklogAsync(cancellationToken), time.GetUtcNow());
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Metrics projection failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
