using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>A message id is the sender's: unique per (sender_party, sender_body). One Party's ids cannot collide with or probe
/// the other's, one body's ids reveal nothing about another's, and a bare id that two senders used must name its sender.</summary>
public sealed class MessageIdScopeTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task KZ_and_TM_using_the_same_id_are_both_accepted_delivered_and_acknowledged_and_a_bare_lookup_must_name_the_sender()
    {
        const string id = "scope-x-1";
        await using var atTm = new TestSubscriber(() => _pair.TmNode.Party, acknowledge: false);
        await using var atKz = new TestSubscriber(() => _pair.KzNode.Party, acknowledge: false);
        var now = TimeProvider.System.GetUtcNow();

        var fromKz = await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) });
        var fromTm = await _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Tm, now) });
        Assert.Equal((Stage.Accepted, false), (fromKz.Stage, fromKz.Duplicate));
        Assert.Equal((Stage.Accepted, false), (fromTm.Stage, fromTm.Duplicate));

        // Each node delivers the other Party's notice to its own receiver.
        await Eventually.TrueAsync(() => Task.FromResult(atTm.Received.ContainsKey(id) && atKz.Received.ContainsKey(id)), Wait, _pair.Logs);
        Assert.Equal((Party.Kz, Party.Tm, Notices.TmCompetentBody), (atTm.Received[id].SenderParty, atTm.Received[id].ReceiverParty, atTm.Received[id].ReceiverBody));
        Assert.Equal((Party.Tm, Party.Kz, Notices.KzCompetentBody), (atKz.Received[id].SenderParty, atKz.Received[id].ReceiverParty, atKz.Received[id].ReceiverBody));

        // Acknowledge concerns received notices only: the bare id is unambiguous there.
        Assert.Equal(Stage.Acknowledged, (await _pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id })).Stage);
        Assert.Equal(Stage.Acknowledged, (await _pair.KzNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id })).Stage);

        foreach (var node in new[] { _pair.KzNode, _pair.TmNode })
        {
            var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => node.Party.GetMessageAsync(new GetMessageRequest { MessageId = id }).ResponseAsync);
            Assert.Equal("AMBIGUOUS_ID", RpcAssert.ErrorInfo(e)?.Reason);
            Assert.Contains("sender_party", e.Status.Detail, StringComparison.Ordinal);
            var timeline = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => node.Operator.GetTimelineAsync(new GetTimelineRequest { MessageId = id }).ResponseAsync);
            Assert.Equal("AMBIGUOUS_ID", RpcAssert.ErrorInfo(timeline)?.Reason);
        }

        // Named by its sender, each side's own notice ends acknowledged by the other side.
        await Eventually.TrueAsync(async () =>
            await StageAsync(_pair.KzNode, id, Party.Kz) == Stage.Acknowledged && await StageAsync(_pair.TmNode, id, Party.Tm) == Stage.Acknowledged, Wait, _pair.Logs);
        Assert.Equal(Stage.Acknowledged, await StageAsync(_pair.KzNode, id, Party.Tm));
        Assert.Equal(Stage.Acknowledged, await StageAsync(_pair.TmNode, id, Party.Kz));
        var kzOwn = (await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id, SenderParty = Party.Kz })).Message;
        Assert.Equal((Direction.Outbound, Party.Kz), (kzOwn.Direction, kzOwn.Envelope.SenderParty));

        var evidence = await _pair.TmNode.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = id, SenderParty = Party.Kz });
        Assert.Equal((id, Direction.Inbound), (evidence.Evidence.MessageId, evidence.Evidence.Direction));
        Assert.NotEmpty(evidence.Evidence.Audit);
    }

    [Fact]
    public async Task Two_bodies_of_one_Party_using_the_same_id_are_both_accepted_and_neither_learns_about_the_other()
    {
        const string id = "scope-ab-1";
        var ab1 = _pair.KzNode.PartyAs(Notices.KzAuthorizedBody);
        var ab2 = _pair.KzNode.PartyAs("kz-ab-2");
        var first = Contract(id, Notices.KzAuthorizedBody);
        var second = Contract(id, "kz-ab-2");

        var one = await ab1.SubmitAsync(new SubmitRequest { Envelope = first });
        var two = await ab2.SubmitAsync(new SubmitRequest { Envelope = second });
        Assert.Equal((Stage.Accepted, false), (one.Stage, one.Duplicate));
        Assert.Equal((Stage.Accepted, false), (two.Stage, two.Duplicate));

        // Each body's bare lookup resolves among what it may see: its own notice, never the other's.
        Assert.Equal("kz-ab-2", (await ab2.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message.Envelope.SenderBody);
        Assert.Equal(Notices.KzAuthorizedBody, (await ab1.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message.Envelope.SenderBody);
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, () => ab2.GetMessageAsync(new GetMessageRequest { MessageId = "scope-ab-none" }).ResponseAsync);
        var named = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => ab2.GetMessageAsync(new GetMessageRequest { MessageId = id, SenderBody = Notices.KzAuthorizedBody }).ResponseAsync);
        Assert.Equal(unknown.Status.Detail.Replace("scope-ab-none", id, StringComparison.Ordinal), named.Status.Detail);

        // TM received two notices with one id: the competent body must say which it acknowledges.
        await Eventually.TrueAsync(async () =>
            (await _pair.TmNode.Operator.ListMessagesAsync(new ListMessagesRequest { Direction = Direction.Inbound, PageSize = 500 })).Messages.Count(m => m.Envelope.Id == id) == 2,
            Wait, _pair.Logs);
        var ambiguous = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id }).ResponseAsync);
        Assert.Equal("AMBIGUOUS_ID", RpcAssert.ErrorInfo(ambiguous)?.Reason);
        await _pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id, SenderParty = Party.Kz, SenderBody = "kz-ab-2" });

        // The status report names the sending body: only kz-ab-2's notice is acknowledged at KZ.
        await Eventually.TrueAsync(async () => (await ab2.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message.Stage == Stage.Acknowledged, Wait, _pair.Logs);
        Assert.NotEqual(Stage.Acknowledged, (await ab1.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message.Stage);
        await _pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id, SenderBody = Notices.KzAuthorizedBody });
        await Eventually.TrueAsync(async () => (await ab1.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message.Stage == Stage.Acknowledged, Wait, _pair.Logs);
    }

    [Fact]
    public async Task A_retried_submit_is_a_duplicate_and_other_content_under_the_same_senders_id_already_exists()
    {
        const string id = "scope-retry-1";
        var ab2 = _pair.KzNode.PartyAs("kz-ab-2");
        var envelope = Contract(id, "kz-ab-2");
        var first = await ab2.SubmitAsync(new SubmitRequest { Envelope = envelope });
        var retry = await ab2.SubmitAsync(new SubmitRequest { Envelope = envelope });
        Assert.Equal((Stage.Accepted, false), (first.Stage, first.Duplicate));
        Assert.Equal((Stage.Accepted, true, first.AcceptedAt), (retry.Stage, retry.Duplicate, retry.AcceptedAt));

        var changed = envelope.Clone();
        changed.ContractRegistration.Title = "Another contract";
        var conflict = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => ab2.SubmitAsync(new SubmitRequest { Envelope = changed }).ResponseAsync);
        Assert.Equal("ID_CONFLICT", RpcAssert.ErrorInfo(conflict)?.Reason);

        // The same id with that other content from another body, and from the other Party, is a message of its own.
        var fromAb1 = await _pair.KzNode.PartyAs(Notices.KzAuthorizedBody).SubmitAsync(new SubmitRequest { Envelope = Contract(id, Notices.KzAuthorizedBody, "Another contract") });
        Assert.Equal((Stage.Accepted, false), (fromAb1.Stage, fromAb1.Duplicate));
        var fromTm = await _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Tm, TimeProvider.System.GetUtcNow()) });
        Assert.Equal((Stage.Accepted, false), (fromTm.Stage, fromTm.Duplicate));
    }

    [Fact]
    public async Task A_reply_binds_to_the_request_of_the_Party_it_answers_when_both_Parties_used_the_requests_id()
    {
        const string id = "scope-visit-1";
        var now = TimeProvider.System.GetUtcNow();
        // TM's own request first, so TM's node holds it before KZ's: a lookup by bare id would find TM's.
        Assert.Equal(Stage.Accepted, (await _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope(id, Party.Tm, now, Case.VisitRequest) })).Stage);
        await Eventually.TrueAsync(async () => await StageAsync(_pair.TmNode, id, Party.Tm) is Stage.Relayed or Stage.Delivered or Stage.Acknowledged, Wait, _pair.Logs);
        Assert.Equal(Stage.Accepted, (await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope(id, Party.Kz, now, Case.VisitRequest) })).Stage);
        await Eventually.TrueAsync(async () => await StageAsync(_pair.TmNode, id, Party.Kz) is not Stage.Unspecified, Wait, _pair.Logs);

        // TM decides on KZ's request.
        var decision = await _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope("scope-decision-1", Party.Tm, now, Case.VisitDecision, inReplyTo: id) });
        Assert.Equal(Stage.Accepted, decision.Stage);

        foreach (var node in new[] { _pair.TmNode, _pair.KzNode })
        {
            await Eventually.TrueAsync(async () => (await MessageAsync(node, "scope-decision-1", Party.Tm)) is { } d && d.Stage != Stage.Unspecified, Wait, _pair.Logs);
            var kzRequest = (await MessageAsync(node, id, Party.Kz))!;
            var tmRequest = (await MessageAsync(node, id, Party.Tm))!;
            Assert.Equal(["scope-decision-1"], kzRequest.AnsweredBy);
            Assert.Empty(tmRequest.AnsweredBy);
            Assert.NotEqual(Stage.Answered, tmRequest.Stage);
        }

        await Eventually.TrueAsync(async () => (await MessageAsync(_pair.KzNode, id, Party.Kz))!.Stage == Stage.Answered, Wait, _pair.Logs);
    }

    private static Envelope Contract(string id, string senderBody, string title = "Contract")
    {
        var envelope = Notices.Envelope(id, Party.Kz, TimeProvider.System.GetUtcNow(), Case.ContractRegistration);
        envelope.SenderBody = senderBody;
        envelope.ContractRegistration.Title = title;
        envelope.ContractRegistration.ContractReference = $"{id}-{senderBody}";
        return envelope;
    }

    private static async Task<MessageRecord?> MessageAsync(NodeProcess node, string id, Party sender)
    {
        try
        {
            return (await node.Party.GetMessageAsync(new GetMessageRequest { MessageId = id, SenderParty = sender })).Message;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<Stage> StageAsync(NodeProcess node, string id, Party sender) =>
        (await MessageAsync(node, id, sender))?.Stage ?? Stage.Unspecified;
}
