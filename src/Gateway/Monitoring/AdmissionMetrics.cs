using ClassifiedGateway.Gateway.Routing.Overload;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Exports admission control's state, read at scrape time: submits waiting for the writer, submits refused as overload
/// since start, and the recent time from admission to commit.</summary>
internal sealed class AdmissionMetrics(GatewayMetrics metrics, AdmissionGate gate) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Observe("gateway_admission_pending", "Submits admitted and waiting for the writer's commit.", () => [new(gate.Pending)]);
        metrics.Observe("gateway_admission_refused", "Submits refused with RESOURCE_EXHAUSTED (NODE_OVERLOADED) since the node started.",
            () => [new(gate.Refused)]);
        metrics.Observe("gateway_admission_write_latency_seconds", "Smoothed time from admitting a submit to its commit.",
            () => [new(gate.RecentLatency.TotalSeconds)]);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
