using ClassifiedGateway.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Readiness of the link to the other node: Degraded while its circuit is open or the relay has been failing for a
/// few seconds. Never Unhealthy: this node still accepts and stores, the outbox waits.</summary>
internal sealed class PeerLinkHealthCheck(OutboxRelay relay, PeerLinkState link, TimeProvider time) : IHealthCheck
{
    /// <summary>How long attempts must fail before the link counts as degraded (one failed attempt is not an outage).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (relay.PeerCircuit is CircuitState.Open or CircuitState.Isolated)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"peer link: circuit open; {link.Cause}"));
        }

        return Task.FromResult(link.FailingSince is { } since && time.GetUtcNow() - since >= Grace
            ? HealthCheckResult.Degraded($"peer link: relay failing since {since:O}; {link.Cause}")
            : HealthCheckResult.Healthy("peer link: relaying"));
    }
}
