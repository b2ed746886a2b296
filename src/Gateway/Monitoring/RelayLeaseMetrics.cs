using ClassifiedGateway.Gateway.Storage.Lease;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Exports whether this replica holds the relay lease (1) or stands by (0); a Party whose replicas all show 0 for
/// long relays nothing. SQLite: always 1.</summary>
internal sealed class RelayLeaseMetrics(GatewayMetrics metrics, IRelayLease lease) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Observe("gateway_relay_lease_held", "1 while this replica holds the relay lease (it alone relays to the other node), else 0.",
            () => [new(lease.Held ? 1 : 0)]);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
