using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>AcknowledgeBatch: one outcome per item, each Acknowledge's answer; a body acknowledges only its own notices.</summary>
public sealed class AcknowledgeBatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_batch_acknowledges_its_own_notices_and_answers_unknown_foreign_and_invalid_items_one_by_one_and_its_size_is_bounded()
    {
        await using var pair = await NodePair.StartAsync();
        await using var tmSystem = new TestSubscriber(() => pair.TmNode.Party, acknowledge: false);
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 300).Select(i => $"ab-{i:D4}").ToList();
        var sent = await StreamSubmitter.SubmitAsync(pair.KzNode.Party, StreamSubmitter.Items(ids.Select(id => Notices.Consultation(id, Party.Kz, now))));
        Assert.All(sent, o => Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, o.OutcomeCase));
        await Eventually.TrueAsync(() => Task.FromResult(ids.All(tmSystem.Received.ContainsKey)), Patience, pair.Logs);
        var tmOwn = Notices.Consultation("ab-tm-own", Party.Tm, now);
        await pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = tmOwn });

        // Addressed to the competent body: another body's system may not see them, so they answer like unknown ids.
        var foreign = await pair.TmNode.PartyAs(Notices.TmAuthorizedBody).AcknowledgeBatchAsync(new AcknowledgeBatchRequest
        {
            Items = { new AcknowledgeRequest { MessageId = ids[0] }, new AcknowledgeRequest { MessageId = ids[1], AcknowledgingBody = Notices.TmCompetentBody } },
        });
        Assert.Equal((int)StatusCode.NotFound, foreign.Outcomes[0].Failed.Code);
        Assert.Equal((int)StatusCode.PermissionDenied, foreign.Outcomes[1].Failed.Code);

        var request = new AcknowledgeBatchRequest { Items = { ids.Select(id => new AcknowledgeRequest { MessageId = id }) } };
        request.Items.Add(new AcknowledgeRequest { MessageId = "ab-never-sent" });
        request.Items.Add(new AcknowledgeRequest { MessageId = tmOwn.Id });
        request.Items.Add(new AcknowledgeRequest { MessageId = "not an id" });
        request.Items.Add(new AcknowledgeRequest { MessageId = ids[0] });
        var answer = await pair.TmNode.Party.AcknowledgeBatchAsync(request);

        Assert.Equal(request.Items.Select(i => i.MessageId), answer.Outcomes.Select(o => o.MessageId));
        Assert.All(answer.Outcomes.Take(ids.Count), o => Assert.Equal(Stage.Acknowledged, o.Acknowledged.Stage));
        var unknown = answer.Outcomes[ids.Count];
        Assert.Equal((int)StatusCode.NotFound, unknown.Failed.Code);
        Assert.Equal((int)StatusCode.NotFound, answer.Outcomes[ids.Count + 1].Failed.Code);
        var invalid = answer.Outcomes[ids.Count + 2].Failed;
        Assert.Equal((int)StatusCode.InvalidArgument, invalid.Code);
        Assert.Contains(invalid.Details, d => d.TryUnpack<Google.Rpc.BadRequest>(out var bad) && bad.FieldViolations.Any(v => v.Field == $"items[{ids.Count + 2}].message_id"));
        // Acknowledging again answers as the first time.
        Assert.Equal(answer.Outcomes[0].Acknowledged.AcknowledgedAt, answer.Outcomes[^1].Acknowledged.AcknowledgedAt);

        // Each failed item is the status the unary call ends with.
        var unary = await Assert.ThrowsAsync<RpcException>(() => pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "ab-never-sent" }).ResponseAsync);
        Assert.Equal(unary.GetRpcStatus(), unknown.Failed);

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == ids.Count, Patience, pair.Logs);

        // The batch's own shape is the call's: none, or more than 1000, is INVALID_ARGUMENT naming items.
        var empty = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => pair.TmNode.Party.AcknowledgeBatchAsync(new AcknowledgeBatchRequest()).ResponseAsync);
        Assert.Contains("items", RpcAssert.BadFields(empty));
        var big = new AcknowledgeBatchRequest { Items = { Enumerable.Range(0, 1001).Select(i => new AcknowledgeRequest { MessageId = $"m-{i}" }) } };
        var oversized = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => pair.TmNode.Party.AcknowledgeBatchAsync(big).ResponseAsync);
        Assert.Contains("items", RpcAssert.BadFields(oversized));
    }

}
