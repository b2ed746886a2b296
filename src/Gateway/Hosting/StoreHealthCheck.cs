using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Ready only while the store answers.</summary>
internal sealed class StoreHealthCheck(IGatewayStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("store did not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("store unreachable");
        }
    }
}
