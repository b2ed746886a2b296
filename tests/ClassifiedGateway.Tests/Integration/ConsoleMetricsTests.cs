using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>What the alerting rules read: every gateway series labelled with the node's Party, latency buckets from 1 ms to a
/// day, the backlog and link gauges, and the audit chain's verdict.</summary>
public sealed class ConsoleMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Series_carry_the_party_latencies_have_fine_buckets_and_the_backlog_shows_while_the_other_node_is_away()
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ["metric-wait"], TimeProvider.System.GetUtcNow());

        var metrics = "";
        await Eventually.TrueAsync(async () => Metrics.Value(metrics = await Metrics.ScrapeAsync(pair.KzSettings), "gateway_undelivered_notices") == 1
                && Metrics.Value(metrics, "gateway_peer_reachable") == 0 && Metrics.Value(metrics, "gateway_peer_unreachable_seconds") > 0
                && Metrics.Value(metrics, "gateway_audit_chain_intact") == 1,
            Patience, () => metrics);
        Assert.True(Metrics.Value(metrics, "gateway_outbox_oldest_age_seconds") >= 0, metrics);

        await pair.StartTmAsync();
        await Eventually.TrueAsync(async () => await StoreFaults.StageAsync(pair.KzNode, "metric-wait") != Stage.Accepted, Patience, pair.Logs);
        await Eventually.TrueAsync(async () => (metrics = await Metrics.ScrapeAsync(pair.KzSettings)).Contains("gateway_relay_latency_seconds_bucket", StringComparison.Ordinal)
                && Metrics.Value(metrics, "gateway_peer_reachable") == 1 && Metrics.Value(metrics, "gateway_outbox_oldest_age_seconds") == 0,
            Patience, () => metrics);

        var samples = metrics.Split('\n').Where(l => l.StartsWith("gateway_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, l => Assert.Contains("party=\"KZ\"", l, StringComparison.Ordinal));
        var buckets = samples.Where(l => l.StartsWith("gateway_relay_latency_seconds_bucket", StringComparison.Ordinal)).ToList();
        Assert.Contains(buckets, l => l.Contains("le=\"0.001\"", StringComparison.Ordinal));
        Assert.Contains(buckets, l => l.Contains("le=\"0.05\"", StringComparison.Ordinal));
        Assert.Contains(buckets, l => l.Contains("le=\"1\"", StringComparison.Ordinal));
        Assert.Contains(buckets, l => l.Contains("le=\"86400\"", StringComparison.Ordinal));
    }
}
