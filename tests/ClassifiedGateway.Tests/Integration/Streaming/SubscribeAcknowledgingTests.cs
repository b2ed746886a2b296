using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>SubscribeAcknowledging: notices and the answers to acknowledgements on one call.</summary>
public sealed class SubscribeAcknowledgingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Acknowledgements_sent_on_the_subscription_are_answered_on_it_and_reach_the_sender()
    {
        await using var pair = await NodePair.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 500).Select(i => $"sa-{i:D4}").ToList();
        await StreamSubmitter.SubmitAsync(pair.KzNode.Party, StreamSubmitter.Items(ids.Select(id => Notices.Consultation(id, Party.Kz, now))));

        using var cts = new CancellationTokenSource(Patience);
        using var call = pair.TmNode.Party.SubscribeAcknowledging(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest { Subscribe = new SubscribeRequest() });
        var received = new List<string>();
        var answered = new List<AcknowledgeItemOutcome>();
        var pending = new List<string>();
        while (answered.Count < ids.Count + 1 && await call.ResponseStream.MoveNext(cts.Token))
        {
            var response = call.ResponseStream.Current;
            if (response.ResponseCase == SubscribeAcknowledgingResponse.ResponseOneofCase.Notice)
            {
                received.Add(response.Notice.Envelope.Id);
                pending.Add(response.Notice.Envelope.Id);
                if (pending.Count == 100 || received.Count == ids.Count)
                {
                    // The last batch also names an id never sent: its own outcome, the rest unaffected.
                    var batch = new AcknowledgeBatchRequest { Items = { pending.Select(id => new AcknowledgeRequest { MessageId = id }) } };
                    if (received.Count == ids.Count)
                    {
                        batch.Items.Add(new AcknowledgeRequest { MessageId = "sa-never-sent" });
                    }

                    await call.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest { Acknowledge = batch });
                    pending.Clear();
                }
            }
            else
            {
                answered.AddRange(response.Acknowledged.Outcomes);
            }
        }

        Assert.Equal(ids, received);
        Assert.Equal([.. ids, "sa-never-sent"], answered.Select(o => o.MessageId));
        Assert.All(answered.Take(ids.Count), o => Assert.Equal(Stage.Acknowledged, o.Acknowledged.Stage));
        Assert.Equal((int)StatusCode.NotFound, answered[^1].Failed.Code);
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == ids.Count, Patience, pair.Logs);

        // A request out of place ends the call with INVALID_ARGUMENT.
        await call.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest { Subscribe = new SubscribeRequest() });
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
            }
        });
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("acknowledge", RpcAssert.BadFields(e));
    }

    [Fact]
    public async Task The_first_request_must_subscribe_and_another_body_is_refused_as_on_subscribe()
    {
        await using var pair = await NodePair.StartAsync();
        using var cts = new CancellationTokenSource(Patience);

        using var first = pair.TmNode.Party.SubscribeAcknowledging(cancellationToken: cts.Token);
        await first.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest
        {
            Acknowledge = new AcknowledgeBatchRequest { Items = { new AcknowledgeRequest { MessageId = "m-1" } } },
        });
        var e = await Assert.ThrowsAsync<RpcException>(() => first.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("subscribe", RpcAssert.BadFields(e));

        using var other = pair.TmNode.PartyAs(Notices.TmAuthorizedBody).SubscribeAcknowledging(cancellationToken: cts.Token);
        await other.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest { Subscribe = new SubscribeRequest { ReceiverBody = Notices.TmCompetentBody } });
        var denied = await Assert.ThrowsAsync<RpcException>(() => other.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("NOT_ADDRESSEE", RpcAssert.ErrorInfo(denied)?.Reason);
    }
}
