using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using ClassifiedGateway.Tests.Integration.BadInput;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Notices as large as a Party's system may submit (Gateway:Limits:MaxMessageBytes) are relayed like any other: the relay
/// bounds each batch by bytes as well as by count, and the other node takes one such notice with its relay wrapping around it.</summary>
public sealed class LargeNoticeRelayTests
{
    [Fact]
    public async Task Notices_that_together_exceed_one_message_and_one_at_the_submit_limit_all_reach_the_other_node_intact()
    {
        await using var pair = await NodePair.StartAsync();
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        var sent = new Dictionary<string, Envelope>();
        foreach (var (id, bytes) in new[] { ("large-1", 100_000), ("large-2", 100_000), ("large-3", 100_000), ("at-limit", BadInputCases.MaxMessageBytes - 1_500) })
        {
            var envelope = Large(id, now, bytes);
            var request = new SubmitRequest { Envelope = envelope };
            Assert.InRange(request.CalculateSize(), bytes, BadInputCases.MaxMessageBytes);
            await pair.KzNode.Party.SubmitAsync(request);
            sent[id] = envelope;
        }

        // Before: the relay sent all four in one batch of ~550 KB, the other node refused the frame (RESOURCE_EXHAUSTED, taken
        // as transient) and the relay retried it for ever while the link showed as down.
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.TmNode, Stage.Relayed, Direction.Inbound) == 4,
            TimeSpan.FromSeconds(30), pair.Logs);

        foreach (var (id, envelope) in sent)
        {
            var stored = await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id });
            Assert.Equal(envelope, stored.Message.Envelope);
        }

        Assert.Equal(["large-1", "large-2", "large-3", "at-limit"], await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));
    }

    /// <summary>A visit request of about <paramref name="bytes"/>: texts are bounded, lists are not, so many topics make it as
    /// large as a submit may be.</summary>
    private static Envelope Large(string id, DateTimeOffset now, int bytes)
    {
        var envelope = Notices.Envelope(id, Party.Kz, now, Envelope.NoticeOneofCase.VisitRequest);
        envelope.VisitRequest.Topics.Clear();
        while (envelope.CalculateSize() < bytes)
        {
            envelope.VisitRequest.Topics.Add(new DiscussionTopic { Subject = $"{id} topic {envelope.VisitRequest.Topics.Count} " + new string('t', 980), Level = ClassificationLevel.Secret });
        }

        return envelope;
    }
}
