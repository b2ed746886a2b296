using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing.Overload;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Exports admission control's state, read at scrape time: submits waiting for the writer, submits refused as overload
/// since start, and the recent time from admission to commit; the relay backlog against its bound and what pacing held or refused.</summary>
internal sealed class AdmissionMetrics(
    GatewayMetrics metrics, AdmissionGate gate, RelayBacklogGate backlog, Routing.Streaming.StreamSlots slots, IOptions<AdmissionOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Observe("gateway_admission_pending", "Submits admitted and waiting for the writer's commit.", () => [new(gate.Pending)]);
        metrics.Observe("gateway_admission_refused", "Submits refused with RESOURCE_EXHAUSTED (NODE_OVERLOADED) since the node started.",
            () => [new(gate.Refused)]);
        metrics.Observe("gateway_admission_write_latency_seconds", "Smoothed time from admitting a submit to its commit.",
            () => [new(gate.RecentLatency.TotalSeconds)]);
        metrics.Observe("gateway_stream_items_in_flight", "Items read from submit streams (all together) and not yet durable or refused.",
            () => [new(slots.InUse)]);
        metrics.Observe("gateway_stream_items_in_flight_bound", "The node's bound on them (Gateway:Limits:StreamInFlightTotal).",
            () => [new(slots.Capacity)]);
        metrics.Observe("gateway_admission_relay_backlog", "Outbox entries not yet receipted by the other node, as last counted while the link was up.",
            () => [new(backlog.Backlog)]);
        metrics.Observe("gateway_admission_relay_backlog_bound", "The relay backlog above which submits are paced while the link is up (0: off).",
            () => [new(options.Value.MaxRelayBacklog)]);
        metrics.Observe("gateway_admission_relay_pacing", "1 while submits are paced because the relay backlog is above its bound, else 0.",
            () => [new(backlog.Pacing ? 1 : 0)]);
        metrics.ObserveTotal("gateway_admission_relay_refused", "Unary submits refused with RESOURCE_EXHAUSTED (RELAY_BACKLOG_FULL) since the node started.",
            () => [new(backlog.Refused)]);
        metrics.ObserveTotal("gateway_admission_relay_held", "Times a submit stream stopped reading while the relay backlog was paced.",
            () => [new(backlog.Held)]);
        metrics.ObserveTotal("gateway_admission_relay_episodes", "Pacing episodes (relay backlog above its bound while the link was up).",
            () => [new(backlog.Episodes)]);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
