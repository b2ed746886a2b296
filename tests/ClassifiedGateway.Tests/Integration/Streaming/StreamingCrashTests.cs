using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>kill -9 of either node in the middle of a SubmitStream: every notice whose outcome said accepted reaches a
/// cursor-resuming subscriber exactly once, in the stream's order, and sending it again is a duplicate, not a second notice.</summary>
public sealed class StreamingCrashTests
{
    // Enough that the kill lands with most still to answer: a node on streams answers ~6,000 items/s, so with 1,000 the ~150 ms
    // between the 100th answer and the kill on a busy 2-core runner could let it answer them all (seen once in CI).
    private const int Count = 3_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Sending_node_killed_mid_stream_then_every_accepted_notice_is_delivered_once_in_order()
    {
        await using var pair = await NodePair.StartAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var envelopes = Envelopes("stx-crash");
        var killAt = new TaskCompletionSource();
        var answered = 0;

        var streaming = ResumingStreamSubmitter.SubmitAllAsync(() => pair.Kz, envelopes, Patience, count =>
        {
            Volatile.Write(ref answered, count);
            if (count >= 100)
            {
                killAt.TrySetResult();
            }
        });
        await killAt.Task.WaitAsync(Patience);
        await pair.KzNode.KillAsync();
        Assert.True(Volatile.Read(ref answered) < Count, "the kill should land while the stream still has items to answer");
        await pair.StartKzAsync();
        var (outcomes, streams) = await streaming;
        Assert.True(streams > 1, "the stream broke and the system resumed on a new one");

        await AssertDeliveredOnceInOrderAsync(pair, subscriber, envelopes, outcomes);
    }

    [Fact]
    public async Task Receiving_node_killed_mid_stream_then_every_accepted_notice_is_delivered_once_in_order()
    {
        await using var pair = await NodePair.StartAsync();
        await using var subscriber = new TestSubscriber(() => pair.Tm?.Party ?? throw new InvalidOperationException("TM down"));
        var envelopes = Envelopes("srx-crash");

        var streaming = ResumingStreamSubmitter.SubmitAllAsync(() => pair.Kz, envelopes, Patience);
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Received.Count >= 50), Patience, pair.Logs);
        await pair.TmNode.KillAsync();
        Assert.True(subscriber.Received.Count < Count, "the kill should land while notices are still in flight");
        var (outcomes, _) = await streaming;
        await pair.StartTmAsync();

        await AssertDeliveredOnceInOrderAsync(pair, subscriber, envelopes, outcomes);
    }

    private static List<Envelope> Envelopes(string prefix)
    {
        var now = TimeProvider.System.GetUtcNow();
        return [.. Enumerable.Range(0, Count).Select(i => Notices.Consultation($"{prefix}-{i:D5}", Party.Kz, now))];
    }

    private static async Task AssertDeliveredOnceInOrderAsync(
        NodePair pair, TestSubscriber subscriber, List<Envelope> envelopes, System.Collections.Concurrent.ConcurrentDictionary<string, SubmitStreamResponse> outcomes)
    {
        var ids = envelopes.Select(e => e.Id).ToList();
        Assert.All(ids, id => Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, outcomes[id].OutcomeCase));
        await Eventually.TrueAsync(
            async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == ids.Count,
            Patience,
            () => $"acknowledged at KZ: received {subscriber.Received.Count}\n{pair.Logs()}");

        // Exactly once to the subscriber (a copy sent again is always marked as a redelivery), and in the stream's order.
        Assert.Equal(ids.Order(), subscriber.Received.Keys.Order());
        Assert.Empty(subscriber.SilentDuplicates());
        var firstDeliveries = subscriber.Deliveries.Select(d => d.Id).Distinct().ToList();
        Assert.Equal(ids, firstDeliveries);
        Assert.Equal(ids, await Submitter.IdsInStoreOrderAsync(pair.KzNode, Direction.Outbound));
        Assert.Equal(ids, await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));

        // Sending the whole stream again after the crash: every item a duplicate with its first acceptance time, no second notice.
        var again = await StreamSubmitter.SubmitAsync(pair.KzNode.Party, StreamSubmitter.Items(envelopes));
        Assert.All(again, o => Assert.True(o.Accepted.Duplicate, o.MessageId));
        Assert.Equal(ids.Select(id => outcomes[id].Accepted.AcceptedAt), again.Select(o => o.Accepted.AcceptedAt));
        var counts = await pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest());
        Assert.Equal(ids.Count, counts.Counts.Where(c => c.Direction == Direction.Outbound).Sum(c => c.Count));
    }
}
