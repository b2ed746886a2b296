using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The other Party may run several replicas: the link takes their addresses (Gateway:PeerAddresses) and relays through
/// whichever answers, the first reachable in the list.</summary>
public sealed class PeerAddressesTests
{
    [Fact]
    public async Task A_node_whose_first_peer_address_is_dead_relays_through_the_second()
    {
        var pair = NodePair.Create();
        var dead = FreePorts.Next();
        await using var second = TcpProxy.To(pair.TmSettings.PeerPort);
        pair.KzSettings.OtherPeerPorts.AddRange([dead, second.Port]);
        await using (pair)
        {
            await Task.WhenAll(pair.StartKzAsync(), pair.StartTmAsync());
            await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
            var ids = await Submitter.SubmitManyAsync(() => pair.Kz, "second-address", 30, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(60));

            await AllAcknowledgedAsync(pair, 30);
            Assert.True(ids.All(tmSystems.Received.ContainsKey));
            Assert.True(second.Accepted > 0, "KZ's relay did not reach TM through the second address");
        }
    }

    [Fact]
    public async Task When_the_replica_in_use_goes_away_the_link_moves_to_the_next_address_and_nothing_is_lost()
    {
        var pair = NodePair.Create();
        var first = TcpProxy.To(pair.TmSettings.PeerPort);
        await using var second = TcpProxy.To(pair.TmSettings.PeerPort);
        pair.KzSettings.OtherPeerPorts.AddRange([first.Port, second.Port]);
        await using (pair)
        {
            await Task.WhenAll(pair.StartKzAsync(), pair.StartTmAsync());
            await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
            var now = TimeProvider.System.GetUtcNow();
            var before = await Submitter.SubmitManyAsync(() => pair.Kz, "before", 20, now, TimeSpan.FromSeconds(60));
            await AllAcknowledgedAsync(pair, 20);
            Assert.Equal(0, second.Accepted);

            // The replica behind the first address disappears with its connections (a killed process looks the same on the wire).
            await first.DisposeAsync();
            var after = await Submitter.SubmitManyAsync(() => pair.Kz, "after", 20, now, TimeSpan.FromSeconds(60));

            await AllAcknowledgedAsync(pair, 40);
            Assert.True(before.Concat(after).All(tmSystems.Received.ContainsKey));
            Assert.True(second.Accepted > 0, "KZ's relay did not move to the second address");
            Assert.Empty(tmSystems.SilentDuplicates());
        }
    }

    private static Task AllAcknowledgedAsync(NodePair pair, int count) =>
        Eventually.TrueAsync(
            async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == count,
            TimeSpan.FromSeconds(60),
            () => $"not all {count} acknowledged\n{pair.Logs()}");
}
