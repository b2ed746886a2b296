using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Delivery to the receiving Party's systems: redelivery of what is not acknowledged, and resuming from a cursor.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task A_notice_not_acknowledged_within_the_timeout_is_delivered_again_marked_as_redelivery()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Delivery:RedeliveryScanInterval"] = "00:00:00.200");
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party, acknowledge: false);
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("unacked", Party.Kz, now) });
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Received.ContainsKey("unacked")), TimeSpan.FromSeconds(30), pair.Logs);

        // The default acknowledgement timeout is 5 minutes: move TM's clock past it.
        await pair.TmNode.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(TimeSpan.FromMinutes(6)) });
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Deliveries.Count(d => d.Id == "unacked") >= 2), TimeSpan.FromSeconds(30), pair.Logs);

        var copies = subscriber.Deliveries.Where(d => d.Id == "unacked").ToList();
        Assert.False(copies[0].Redelivery);
        Assert.All(copies.Skip(1), c => Assert.True(c.Redelivery));
        Assert.Empty(subscriber.SilentDuplicates());

        await pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "unacked" });
        await Eventually.TrueAsync(async () =>
            (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "unacked" })).Message.Stage == Stage.Acknowledged,
            TimeSpan.FromSeconds(30), pair.Logs);
    }

    [Fact]
    public async Task A_subscriber_resuming_from_its_cursor_gets_only_what_came_after_it()
    {
        await using var pair = await NodePair.StartAsync();
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        foreach (var i in Enumerable.Range(0, 6))
        {
            await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation($"cursor-{i}", Party.Kz, now) });
        }

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.TmNode, Stage.Relayed, Direction.Inbound) == 6,
            TimeSpan.FromSeconds(30), pair.Logs);

        var first = await ReadAsync(pair.TmNode, 0, 3);
        var rest = await ReadAsync(pair.TmNode, first[^1].Cursor, 3);

        Assert.Equal(["cursor-0", "cursor-1", "cursor-2"], first.Select(d => d.Envelope.Id));
        Assert.Equal(["cursor-3", "cursor-4", "cursor-5"], rest.Select(d => d.Envelope.Id));
        Assert.True(rest[0].Cursor > first[^1].Cursor);
    }

    [Fact]
    public async Task Only_the_addressee_can_acknowledge()
    {
        await using var pair = await NodePair.StartAsync();
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("addressed", Party.Kz, now) });
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.TmNode, Stage.Relayed, Direction.Inbound) == 1,
            TimeSpan.FromSeconds(30), pair.Logs);

        var e = await RpcAssert.FailsAsync(Grpc.Core.StatusCode.PermissionDenied, () =>
            pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "addressed", AcknowledgingBody = "tm-ab-2" }).ResponseAsync);
        Assert.Equal("NOT_ADDRESSEE", RpcAssert.ErrorInfo(e)?.Reason);

        var first = await pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "addressed", AcknowledgingBody = Notices.TmCompetentBody });
        var again = await pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "addressed" });
        Assert.Equal(first.AcknowledgedAt, again.AcknowledgedAt);
    }

    private static async Task<List<SubscribeResponse>> ReadAsync(NodeProcess node, long after, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = node.Party.Subscribe(new SubscribeRequest { AfterCursor = after }, cancellationToken: cts.Token);
        var read = new List<SubscribeResponse>();
        while (read.Count < count && await call.ResponseStream.MoveNext(cts.Token))
        {
            read.Add(call.ResponseStream.Current);
        }

        return read;
    }
}
