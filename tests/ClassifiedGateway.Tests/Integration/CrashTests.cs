using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Nothing accepted is lost and nothing is silently duplicated when a node is killed (no graceful shutdown).</summary>
public sealed class CrashTests
{
    private const int Count = 1_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Receiving_node_killed_with_1000_in_flight_then_every_notice_is_delivered_once_and_acknowledged()
    {
        await using var pair = await NodePair.StartAsync();
        await using var subscriber = new TestSubscriber(() => pair.Tm?.Party ?? throw new InvalidOperationException("TM down"));
        var now = await NowAsync(pair.KzNode);

        var submitting = Submitter.SubmitManyAsync(() => pair.Kz, "rx-crash", Count, now, Patience);
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Received.Count >= 50), Patience, pair.Logs);
        await pair.TmNode.KillAsync();
        var ids = await submitting;
        Assert.True(subscriber.Received.Count < Count, "the kill should land while notices are still in flight");
        await pair.StartTmAsync();

        await AssertAllAcknowledgedAsync(pair, subscriber, ids);
    }

    [Fact]
    public async Task Sending_node_killed_between_acceptance_and_relay_then_every_notice_is_delivered_once_and_acknowledged()
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = await NowAsync(pair.KzNode);

        // TM is down: everything KZ accepts waits in its outbox.
        var ids = await Submitter.SubmitManyAsync(() => pair.Kz, "tx-crash", Count, now, Patience);
        Assert.Equal(Count, await Submitter.CountAsync(pair.KzNode, Stage.Accepted, Direction.Outbound));
        await pair.KzNode.KillAsync();

        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        await pair.StartKzAsync();

        await AssertAllAcknowledgedAsync(pair, subscriber, ids);
    }

    [Fact]
    public async Task Sending_node_killed_mid_relay_while_clients_retry_then_nothing_is_lost_or_duplicated()
    {
        await using var pair = await NodePair.StartAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var now = await NowAsync(pair.KzNode);

        var submitting = Submitter.SubmitManyAsync(() => pair.Kz, "tx-race", Count, now, Patience);
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Received.Count >= 50), Patience, pair.Logs);
        await pair.KzNode.KillAsync();
        await pair.StartKzAsync();
        var ids = await submitting;

        await AssertAllAcknowledgedAsync(pair, subscriber, ids);
    }

    internal static async Task<DateTimeOffset> NowAsync(NodeProcess node) =>
        (await node.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();

    internal static async Task AssertAllAcknowledgedAsync(NodePair pair, TestSubscriber subscriber, IReadOnlyList<string> ids)
    {
        await Eventually.TrueAsync(
            async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == ids.Count,
            Patience,
            () => $"acknowledged at KZ: received {subscriber.Received.Count}\n{pair.Logs()}");

        Assert.Equal(ids.Order(), subscriber.Received.Keys.Order());
        Assert.Empty(subscriber.SilentDuplicates());
        Assert.Equal(ids.Count, await Submitter.CountAsync(pair.TmNode, Stage.Acknowledged, Direction.Inbound));
        var outbound = await pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest());
        Assert.Equal(ids.Count, outbound.Counts.Where(c => c.Direction == Direction.Outbound).Sum(c => c.Count));

        // TM applied KZ's notices in exactly the order KZ accepted them.
        var accepted = await Submitter.IdsInStoreOrderAsync(pair.KzNode, Direction.Outbound);
        var applied = await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound);
        Assert.Equal(accepted, applied);
    }
}
