using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>With one slot for the whole node, concurrent streams take turns item by item: every item of each is accepted, in its
/// stream's order, and no slot is left held afterwards.</summary>
public sealed class NodeWideStreamBoundTests
{
    [Fact]
    public async Task Streams_sharing_a_single_node_wide_slot_all_finish_in_order_and_give_every_slot_back()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Limits:StreamInFlightTotal"] = "1");
        var now = TimeProvider.System.GetUtcNow();
        var streams = Enumerable.Range(0, 3)
            .Select(s => Enumerable.Range(0, 40).Select(i => Notices.Consultation($"slot-{s}-{i:D2}", Party.Kz, now)).ToList())
            .ToList();

        var outcomes = await Task.WhenAll(streams.Select(items =>
            StreamSubmitter.SubmitAsync(pair.KzNode.Party, StreamSubmitter.Items(items))));

        for (var s = 0; s < streams.Count; s++)
        {
            Assert.Equal(streams[s].Select(e => e.Id), outcomes[s].Select(o => o.MessageId));
            Assert.All(outcomes[s], o => Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, o.OutcomeCase));
        }

        var metrics = await Metrics.ScrapeAsync(pair.KzSettings);
        Assert.Equal(1, Metrics.Value(metrics, "gateway_stream_items_in_flight_bound"));
        Assert.Equal(0, Metrics.Value(metrics, "gateway_stream_items_in_flight"));
    }
}
