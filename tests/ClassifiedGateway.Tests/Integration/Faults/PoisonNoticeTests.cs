using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>A relayed notice whose admission throws at the receiver is refused alone, stored with the reason, and ends final at the
/// sender; the rest of its batch and later notices are stored and delivered in order.</summary>
public sealed class PoisonNoticeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_poison_notice_is_refused_with_its_reason_and_the_rest_of_its_batch_goes_on_in_order()
    {
        var pair = NodePair.Create(s =>
        {
            if (s.Party == Party.Tm)
            {
                StoreFaults.EnableFaults(s);
                s.Extra["Gateway:Faults:Poison:0"] = "poison-2";
            }
        });
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = TimeProvider.System.GetUtcNow();

        // TM is down: the five wait in KZ's outbox and go over in one batch once TM is up.
        var all = Enumerable.Range(0, 6).Select(i => $"poison-{i}").ToList();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, all.Take(5), now);
        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, all.Skip(5), now);

        var expected = all.Where(id => id != "poison-2").ToList();
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == expected.Count
                && await StoreFaults.StageAsync(pair.KzNode, "poison-2") == Stage.RefusedByPeer,
            Patience, () => $"received {string.Join(",", subscriber.Received.Keys)}\n{pair.Logs()}");
        Assert.Equal(expected, subscriber.Deliveries.Select(d => d.Id).Distinct().ToList());

        var atSender = await StoreFaults.RecordAsync(pair.KzNode, "poison-2");
        Assert.Equal("PROCESSING_FAILED", atSender.Refusal.RuleId);
        var atReceiver = await StoreFaults.RecordAsync(pair.TmNode, "poison-2");
        Assert.Equal(Stage.Refused, atReceiver.Stage);
        Assert.Equal("PROCESSING_FAILED", atReceiver.Refusal.RuleId);
        Assert.Equal(all, await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));
        Assert.Contains("could not be processed (InjectedFaultException)", pair.TmNode.Output, StringComparison.Ordinal);
    }
}
