using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>Readiness shows the peer link Degraded while the other node is unreachable (liveness stays healthy), and the relay
/// logs the outage once with its gRPC status and once when it recovers.</summary>
public sealed class PeerLinkReadinessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Peer_down_makes_readiness_Degraded_with_one_log_line_then_one_recovery_line()
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ["link-0"], TimeProvider.System.GetUtcNow());
        using var http = Metrics.OperatorHttp(pair.KzSettings);

        var ready = "";
        await Eventually.TrueAsync(async () => (ready = await http.GetStringAsync("/healthz/ready")) == "Degraded", Patience, () => ready);
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz/live"));

        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        await Eventually.TrueAsync(async () => await StoreFaults.StageAsync(pair.KzNode, "link-0") == Stage.Acknowledged, Patience, pair.Logs);
        await Eventually.TrueAsync(async () => (ready = await http.GetStringAsync("/healthz/ready")) == "Healthy", Patience, () => ready);

        await Eventually.TrueAsync(() => Task.FromResult(pair.KzNode.Output.Contains("Relay to the peer recovered after", StringComparison.Ordinal)),
            Patience, () => "no recovery line");
        var lines = pair.KzNode.Output.Split('\n');
        var failing = Assert.Single(lines, l => l.Contains("Relay to the peer failing since", StringComparison.Ordinal));
        Assert.True(failing.Contains("Unavailable", StringComparison.Ordinal), failing);
        Assert.Single(lines, l => l.Contains("Relay to the peer recovered after", StringComparison.Ordinal));
    }
}
