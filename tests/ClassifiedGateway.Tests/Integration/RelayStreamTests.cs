using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The pipelined relay stream on the receiving side, called as the other node would: batches written without waiting
/// are answered one by one in order, and a bad batch ends the stream only after every batch before it is answered.</summary>
public sealed class RelayStreamTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task Batches_sent_without_waiting_are_answered_in_order_and_a_gap_ends_the_stream_after_them()
    {
        var pair = _pair;
        var now = TimeProvider.System.GetUtcNow();
        using var call = pair.TmNode.PeerService.RelayStream();

        await call.RequestStream.WriteAsync(Notices(1, ("stream-1", 3_000_001), ("stream-2", 3_000_002)));
        await call.RequestStream.WriteAsync(Notices(2, ("stream-3", 3_000_003)));
        await call.RequestStream.WriteAsync(new RelayStreamRequest
        {
            Batch = 3,
            Reports = new RelayStatusRequest { FromParty = Party.Kz, SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now) },
        });
        await call.RequestStream.WriteAsync(Notices(5, ("stream-after-gap", 3_000_004))); // batch 4 is missing

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(1, call.ResponseStream.Current.Batch);
        Assert.Equal(["stream-1", "stream-2"], call.ResponseStream.Current.Notices.Receipts.Select(r => r.MessageId));
        Assert.All(call.ResponseStream.Current.Notices.Receipts, r => Assert.Equal(ReceiptStatus.Stored, r.Status));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal((2L, "stream-3"), (call.ResponseStream.Current.Batch, call.ResponseStream.Current.Notices.Receipts.Single().MessageId));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal((3L, 0), (call.ResponseStream.Current.Batch, call.ResponseStream.Current.Reports.Recorded));
        var end = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, end.StatusCode);

        // What was answered is stored, in order; what came after the gap is not.
        Assert.Equal(["stream-1", "stream-2", "stream-3"], await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));

        RelayStreamRequest Notices(long batch, params (string Id, long Sequence)[] notices) => new()
        {
            Batch = batch,
            Notices = new RelayRequest
            {
                FromParty = Party.Kz,
                SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
                Notices = { notices.Select(n => PeerImpersonation.Signed(pair.TmSettings, Harness.Notices.Consultation(n.Id, Party.Kz, now), n.Sequence, now)) },
            },
        };
    }

    [Fact]
    public async Task A_stream_speaking_for_the_receiving_nodes_own_Party_is_denied()
    {
        var pair = _pair;
        using var call = pair.TmNode.PeerService.RelayStream();
        await call.RequestStream.WriteAsync(new RelayStreamRequest { Batch = 1, Notices = new RelayRequest { FromParty = Party.Tm } });
        var end = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.PermissionDenied, end.StatusCode);
    }
}
