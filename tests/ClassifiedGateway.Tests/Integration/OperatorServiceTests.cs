using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The operators' read-only service: list with filters and paging, timeline, live changes, counts.</summary>
public sealed class OperatorServiceTests
{
    [Fact]
    public async Task Operators_page_filter_watch_and_count()
    {
        await using var pair = await NodePair.StartAsync();
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        using var watch = pair.KzNode.Operator.WatchStageChanges(new WatchStageChangesRequest());
        for (var i = 0; i < 5; i++)
        {
            await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation($"op-{i}", Party.Kz, now) });
        }

        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope("op-breach", Party.Kz, now, Envelope.NoticeOneofCase.BreachNotification) });

        var seen = new List<string>();
        string token = "";
        do
        {
            var page = await pair.KzNode.Operator.ListMessagesAsync(new ListMessagesRequest { PageSize = 2, PageToken = token, Kind = "ConsultationRequest" });
            seen.AddRange(page.Messages.Select(m => m.Envelope.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["op-4", "op-3", "op-2", "op-1", "op-0"], seen);
        var breaches = await pair.KzNode.Operator.ListMessagesAsync(new ListMessagesRequest { Kind = "BreachNotification", Direction = Direction.Outbound });
        Assert.Equal("op-breach", Assert.Single(breaches.Messages).Envelope.Id);

        var events = new List<StageEvent>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!events.Any(e => e.MessageId == "op-breach" && e.Stage == Stage.Accepted) && await watch.ResponseStream.MoveNext(cts.Token))
        {
            events.Add(watch.ResponseStream.Current.Event);
        }

        Assert.Equal(6, events.Count(e => e.Stage == Stage.Accepted));
        Assert.True(events.Select(e => e.Sequence).SequenceEqual(events.Select(e => e.Sequence).Order()));

        var timeline = await pair.KzNode.Operator.GetTimelineAsync(new GetTimelineRequest { MessageId = "op-0" });
        Assert.Equal(Stage.Accepted, timeline.Message.History[0].Stage);

        var counts = await pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest());
        Assert.Equal(6, counts.Counts.Where(c => c.Direction == Direction.Outbound).Sum(c => c.Count));
    }

    [Theory]
    [InlineData(1000, "", "page_size")]
    [InlineData(10, "abc", "page_token")]
    public async Task Bad_paging_is_invalid_argument(int pageSize, string token, string field)
    {
        await using var pair = await NodePair.StartAsync();
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => pair.KzNode.Operator.ListMessagesAsync(new ListMessagesRequest { PageSize = pageSize, PageToken = token }).ResponseAsync);
        Assert.Contains(field, RpcAssert.BadFields(e));
    }
}
