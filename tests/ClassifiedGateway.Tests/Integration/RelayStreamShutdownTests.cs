using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The relay stream lives as long as the link, so a node that stops gracefully ends it itself rather than wait for the
/// other node to close it.</summary>
public sealed class RelayStreamShutdownTests
{
    [Fact]
    public async Task A_node_stopping_gracefully_answers_what_it_read_and_ends_the_relay_stream_UNAVAILABLE()
    {
        await using var pair = await NodePair.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        using var call = pair.TmNode.PeerService.RelayStream();
        await call.RequestStream.WriteAsync(new RelayStreamRequest
        {
            Batch = 1,
            Notices = new RelayRequest
            {
                FromParty = Party.Kz,
                SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
                Notices = { PeerImpersonation.Signed(pair.TmSettings, Notices.Consultation("before-stop", Party.Kz, now), 1, now) },
            },
        });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ReceiptStatus.Stored, call.ResponseStream.Current.Notices.Receipts.Single().Status);

        pair.TmNode.Terminate();

        var end = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unavailable, end.StatusCode);
        Assert.Contains("stopping", end.Status.Detail, StringComparison.Ordinal);
    }
}
