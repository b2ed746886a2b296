using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Services are told apart by the listener a connection arrived on, not by the port in :authority, so a TCP proxy
/// (load balancer, NAT, port-forward) on another port in front of the peer listener works.</summary>
public sealed class ProxiedPeerTests
{
    [Fact]
    public async Task Fifty_notices_relayed_through_a_TCP_proxy_on_another_port_are_delivered_and_acknowledged()
    {
        var pair = NodePair.Create();
        await using var proxy = TcpProxy.To(pair.TmSettings.PeerPort);
        pair.KzSettings.OtherPeerPort = proxy.Port;
        await using (pair)
        {
            await Task.WhenAll(pair.StartKzAsync(), pair.StartTmAsync());
            await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
            var now = TimeProvider.System.GetUtcNow();
            var ids = await Submitter.SubmitManyAsync(() => pair.Kz, "proxied", 50, now, TimeSpan.FromSeconds(60));

            await Eventually.TrueAsync(
                async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == 50,
                TimeSpan.FromSeconds(60),
                () => $"not all 50 acknowledged through the proxy\n{pair.Logs()}");

            Assert.Equal(50, ids.Count);
            Assert.Equal(50, await Submitter.CountAsync(pair.TmNode, Stage.Acknowledged, Direction.Inbound));
            Assert.True(ids.All(tmSystems.Received.ContainsKey));
            Assert.True(proxy.Accepted > 0, "KZ's relay did not go through the proxy");
            Assert.NotEqual(pair.TmSettings.PeerPort, pair.KzSettings.OtherPeerPort);
        }
    }
}
