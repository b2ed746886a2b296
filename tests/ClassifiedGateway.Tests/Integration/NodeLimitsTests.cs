using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Per-identity rate limits and certificate expiry warnings.</summary>
public sealed class NodeLimitsTests
{
    [Fact]
    public async Task An_identity_over_its_rate_is_refused_while_another_identity_is_still_served()
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Limits:BurstPerIdentity"] = "5";
            s.Extra["Gateway:Limits:CallsPerSecondPerIdentity"] = "1";
        });
        var busy = pair.KzNode.PartyAs(Notices.KzAuthorizedBody);
        var refused = 0;
        for (var i = 0; i < 12; i++)
        {
            try
            {
                await busy.GetMessageAsync(new GetMessageRequest { MessageId = "nothing" });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                refused++;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
            }
        }

        // A burst of 5, then about one token a second: most of the 12 calls are refused, not all.
        Assert.InRange(refused, 3, 7);

        // The limit is per identity: another body on the same listener, right after, gets every call answered (NOT_FOUND for
        // the id, not UNAVAILABLE), and so does an operator. A shared limit would have no tokens left for them.
        var neighbour = pair.KzNode.PartyAs("kz-ab-2");
        for (var i = 0; i < 4; i++)
        {
            await RpcAssert.FailsAsync(StatusCode.NotFound, () => neighbour.GetMessageAsync(new GetMessageRequest { MessageId = "nothing" }).ResponseAsync);
        }

        var counts = await pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest());
        Assert.DoesNotContain(counts.Counts, c => c.Count > 0);
    }

    [Fact]
    public async Task Certificates_expiring_within_the_window_are_reported_to_operators()
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            if (s.Party == Party.Tm)
            {
                s.Extra["Gateway:Tls:ExpiryWarning"] = "4000.00:00:00";
            }
        });

        var kz = await pair.KzNode.Operator.GetNodeHealthAsync(new GetNodeHealthRequest());
        var tm = await pair.TmNode.Operator.GetNodeHealthAsync(new GetNodeHealthRequest());

        Assert.Equal(["node", "party-ca", "peer-ca", "peer-node"], kz.Certificates.Select(c => c.Name));
        Assert.All(kz.Certificates, c => Assert.False(c.ExpiringSoon));
        Assert.All(kz.Certificates, c => Assert.True(c.DaysLeft > 365));
        Assert.All(tm.Certificates, c => Assert.True(c.ExpiringSoon));
        Assert.False(kz.PeerCircuitOpen);
    }
}
