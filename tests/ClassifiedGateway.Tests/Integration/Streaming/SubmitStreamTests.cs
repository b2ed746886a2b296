using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>SubmitStream: one outcome per item, in order, each the unary Submit's answer; a bad item never ends the stream.</summary>
public sealed class SubmitStreamTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task Each_item_is_answered_in_order_with_the_unary_answer_and_bad_items_do_not_end_the_stream()
    {
        var now = TimeProvider.System.GetUtcNow();
        var first = Notices.Consultation("ss-first", Party.Kz, now);
        var late = Notices.Envelope("ss-late-visit", Party.Kz, now, Case.VisitRequest);
        late.VisitRequest = Notices.Visit(DateOnly.FromDateTime(now.UtcDateTime).AddDays(3));
        var conflicting = first.Clone();
        conflicting.CorrelationId = "corr-other-content";
        var badId = Notices.Consultation("ss bad id", Party.Kz, now);
        var last = Notices.Consultation("ss-last", Party.Kz, now);
        Envelope?[] items = [first, null, late, first, conflicting, badId, last];

        var outcomes = await StreamSubmitter.SubmitAsync(_pair.KzNode.Party, StreamSubmitter.Items(items));

        Assert.Equal(Enumerable.Range(1, items.Length).Select(i => (long)i), outcomes.Select(o => o.Item));
        Assert.Equal(items.Select(e => e?.Id ?? ""), outcomes.Select(o => o.MessageId));
        Assert.Equal(
            [SubmitStreamResponse.OutcomeOneofCase.Accepted, SubmitStreamResponse.OutcomeOneofCase.Refused, SubmitStreamResponse.OutcomeOneofCase.Refused,
             SubmitStreamResponse.OutcomeOneofCase.Accepted, SubmitStreamResponse.OutcomeOneofCase.Refused, SubmitStreamResponse.OutcomeOneofCase.Refused,
             SubmitStreamResponse.OutcomeOneofCase.Accepted],
            outcomes.Select(o => o.OutcomeCase));
        Assert.False(outcomes[0].Accepted.Duplicate);
        Assert.Equal(Stage.Accepted, outcomes[0].Accepted.Stage);
        Assert.True(outcomes[3].Accepted.Duplicate);
        Assert.Equal(outcomes[0].Accepted.AcceptedAt, outcomes[3].Accepted.AcceptedAt);
        Assert.Equal((int)StatusCode.InvalidArgument, outcomes[1].Refused.Code);
        Assert.Equal((int)StatusCode.FailedPrecondition, outcomes[2].Refused.Code);
        Assert.Equal("VISIT_REQUEST_TOO_LATE", Detail<Refusal>(outcomes[2].Refused).RuleId);
        Assert.Equal((int)StatusCode.AlreadyExists, outcomes[4].Refused.Code);
        Assert.Equal((int)StatusCode.InvalidArgument, outcomes[5].Refused.Code);
        Assert.Contains(Detail<Google.Rpc.BadRequest>(outcomes[5].Refused).FieldViolations, v => v.Field == "envelope.id");

        // Each refusal is exactly the status the unary call ends with for the same envelope: code, message and details.
        foreach (var i in new[] { 1, 2, 4, 5 })
        {
            var unary = await Assert.ThrowsAsync<RpcException>(() => _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = items[i] }).ResponseAsync);
            Assert.Equal(unary.GetRpcStatus(), outcomes[i].Refused);
        }

        var stored = await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "ss-last" });
        Assert.Equal(Stage.Accepted, stored.Message.History[0].Stage);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "ss-bad-id" }).ResponseAsync);
    }

    [Fact]
    public async Task Two_thousand_items_on_one_stream_are_accepted_and_stored_in_stream_order()
    {
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 2_000).Select(i => $"ss-bulk-{i:D5}").ToList();

        var outcomes = await StreamSubmitter.SubmitAsync(_pair.KzNode.Party, StreamSubmitter.Items(ids.Select(id => Notices.Consultation(id, Party.Kz, now))));

        Assert.Equal(ids, outcomes.Select(o => o.MessageId));
        Assert.All(outcomes, o => Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, o.OutcomeCase));
        // The node admitted (and will relay) them in the stream's order, not in whatever order concurrent writes finished.
        var stored = (await Submitter.IdsInStoreOrderAsync(_pair.KzNode, Direction.Outbound)).Where(id => id.StartsWith("ss-bulk-", StringComparison.Ordinal));
        Assert.Equal(ids, stored);
    }

    [Fact]
    public async Task A_stream_of_bytes_that_are_not_a_request_ends_with_invalid_argument_after_answering_the_items_before()
    {
        var now = TimeProvider.System.GetUtcNow();
        var good = new SubmitStreamRequest { Envelope = Notices.Consultation("ss-before-garbage", Party.Kz, now) }.ToByteArray();

        using var channel = _pair.KzNode.Channel(_pair.KzSettings.LocalPort, Path.Combine(_pair.KzSettings.Own, Notices.KzCompetentBody));
        var raw = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "classified.gateway.v1.PartyGatewayService", "SubmitStream",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(raw, null, new CallOptions());
        await call.RequestStream.WriteAsync(good);
        var first = SubmitStreamResponse.Parser.ParseFrom(await ReadOneAsync(call.ResponseStream));
        Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, first.OutcomeCase);
        await call.RequestStream.WriteAsync([0xFF, 0xFF, 0xFF]);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("request", RpcAssert.BadFields(e));
    }

    private static async Task<byte[]> ReadOneAsync(IAsyncStreamReader<byte[]> reader)
    {
        Assert.True(await reader.MoveNext());
        return reader.Current;
    }

    private static T Detail<T>(Google.Rpc.Status status)
        where T : class, IMessage<T>, new() =>
        status.Details.Select(d => d.TryUnpack<T>(out var detail) ? detail : null).OfType<T>().Single();
}
