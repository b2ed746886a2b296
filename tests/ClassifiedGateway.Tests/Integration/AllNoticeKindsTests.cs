using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Every notice kind travels KZ → TM, is delivered to TM's subscriber, and its acknowledgement comes back to KZ.</summary>
public sealed class AllNoticeKindsTests
{
    [Fact]
    public async Task Every_kind_is_delivered_and_acknowledged_with_every_stage_recorded()
    {
        await using var pair = await NodePair.StartAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        var ids = new List<string>();
        foreach (var kind in Notices.AllKinds)
        {
            var id = $"all-{kind}";
            var response = await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope(id, Party.Kz, now, kind) });
            Assert.Equal(Stage.Accepted, response.Stage);
            Assert.False(response.Duplicate);
            ids.Add(id);
        }

        Assert.Equal(23, ids.Count);
        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message;
                if (record.Stage != Stage.Acknowledged)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(60), pair.Logs);

        foreach (var id in ids)
        {
            var sent = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message;
            Assert.Equal(Direction.Outbound, sent.Direction);
            Assert.Equal([Stage.Accepted, Stage.Relayed, Stage.Delivered, Stage.Acknowledged], sent.History.Select(h => h.Stage).Order());
            Assert.Equal(ReceiptStatus.Stored, sent.Receipt.Status);
            Assert.Equal(32, sent.Receipt.EnvelopeDigest.Length);

            var received = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message;
            Assert.Equal(Direction.Inbound, received.Direction);
            Assert.Equal(Stage.Acknowledged, received.Stage);
            Assert.Equal(sent.Envelope, received.Envelope);
            Assert.True(subscriber.Received.ContainsKey(id));
        }

        Assert.Empty(subscriber.SilentDuplicates());
        Assert.Equal(23, subscriber.Received.Count);
    }
}
