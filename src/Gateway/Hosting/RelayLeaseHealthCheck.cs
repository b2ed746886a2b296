using ClassifiedGateway.Gateway.Storage.Lease;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Says whether this replica holds the relay lease. Always Healthy: a standby replica serves everything but the relay.</summary>
internal sealed class RelayLeaseHealthCheck(IRelayLease lease) : IHealthCheck
{
    public const string Name = "relay-lease";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(lease.Held ? HealthReplies.LeaseHeld : HealthReplies.LeaseStandby));
}
