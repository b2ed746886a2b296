using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Every denial decided below the seam is audited exactly once, with a bounded detail; a notice the caller may not
/// see answers exactly like an unknown one and never names its addressee.</summary>
public sealed class DenialAuditTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task A_200_KB_receiver_body_in_a_subscribe_is_bounded_in_the_status_the_audit_trail_and_the_log()
    {
        // A body id longer than 128 characters is not a body id: refused before the handler, so no denial ever echoes it.
        var huge = new string('x', 200 * 1024);
        var ab = _pair.KzNode.PartyAs(Notices.KzAuthorizedBody);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, async () =>
        {
            using var call = ab.Subscribe(new SubscribeRequest { ReceiverBody = huge }, deadline: Soon());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Contains("receiver_body", RpcAssert.BadFields(e));
        Assert.InRange(e.Status.Detail.Length, 1, 1_000);
        Assert.DoesNotContain(AuditTrail.Entries(_pair.KzSettings), a => a.Detail.Contains(new string('x', 1_000), StringComparison.Ordinal));
        Assert.DoesNotContain(new string('x', 1_000), _pair.KzNode.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMessage_of_another_bodys_notice_answers_exactly_like_an_unknown_id_and_is_audited_once()
    {
        await SendToKzAb1Async("get-other");
        var other = _pair.KzNode.PartyAs("kz-ab-2");
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, () => other.GetMessageAsync(new GetMessageRequest { MessageId = "get-none" }).ResponseAsync);
        var (hidden, audited) = await AuditedOnceAsync(_pair.KzSettings, () => other.GetMessageAsync(new GetMessageRequest { MessageId = "get-other" }).ResponseAsync);

        SameShape(unknown, hidden, "get-none", "get-other");
        Assert.Equal("KZ/authorized-body/kz-ab-2", audited.Actor);
        Assert.Equal("get-other", audited.MessageId);
    }

    [Fact]
    public async Task Acknowledging_another_bodys_notice_answers_like_an_unknown_id_names_no_addressee_and_is_audited_once()
    {
        await SendToKzAb1Async("ack-other");
        var other = _pair.KzNode.PartyAs("kz-ab-2");
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, () => other.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "ack-none" }).ResponseAsync);
        var (hidden, audited) = await AuditedOnceAsync(_pair.KzSettings, () => other.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "ack-other" }).ResponseAsync);

        SameShape(unknown, hidden, "ack-none", "ack-other");
        Assert.DoesNotContain(Notices.KzAuthorizedBody, audited.Detail, StringComparison.Ordinal);

        // The competent body naming the wrong acknowledging body is told no, without learning who the addressee is.
        var (wrong, auditedWrong) = await AuditedOnceAsync(_pair.KzSettings,
            () => _pair.KzNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "ack-other", AcknowledgingBody = "kz-ab-2" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);
        Assert.DoesNotContain(Notices.KzAuthorizedBody, wrong.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Notices.KzAuthorizedBody, auditedWrong.Detail, StringComparison.Ordinal);
        Assert.NotEqual(Stage.Acknowledged, (await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "ack-other" })).Message.Stage);
    }

    [Fact]
    public async Task Subscribing_for_another_body_is_denied_and_audited_once()
    {
        var ab = _pair.KzNode.PartyAs(Notices.KzAuthorizedBody);
        var (e, audited) = await AuditedOnceAsync(_pair.KzSettings, async () =>
        {
            using var call = ab.Subscribe(new SubscribeRequest { ReceiverBody = "kz-ab-2" }, deadline: Soon());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("NOT_ADDRESSEE", RpcAssert.ErrorInfo(e)?.Reason);
        Assert.StartsWith("NOT_ADDRESSEE", audited.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Relay")]
    [InlineData("RelayStatus")]
    public async Task The_peer_claiming_the_wrong_Party_is_denied_and_audited_once(string method)
    {
        // KZ's node towards TM's peer listener, claiming to speak for TM.
        var (e, audited) = await AuditedOnceAsync(_pair.TmSettings, () => method == "Relay"
            ? _pair.TmNode.PeerService.RelayAsync(new RelayRequest { FromParty = Party.Tm }, deadline: Soon()).ResponseAsync
            : _pair.TmNode.PeerService.RelayStatusAsync(new RelayStatusRequest { FromParty = Party.Tm }, deadline: Soon()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("NOT_THE_PEER", RpcAssert.ErrorInfo(e)?.Reason);
        Assert.Equal("KZ/node/node-kz", audited.Actor);
    }

    [Fact]
    public async Task A_signed_status_report_for_a_message_never_sent_is_audited()
    {
        var report = PeerImpersonation.SignedStatus(_pair.KzSettings, new StatusReport
        {
            Sequence = 9_100_000, MessageId = "never-sent-here", Stage = Stage.Delivered, At = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
        });
        var before = Denials(_pair.KzSettings);
        var response = await _pair.KzNode.PeerService.RelayStatusAsync(new RelayStatusRequest { FromParty = Party.Tm, Reports = { report } }, deadline: Soon());

        Assert.Equal(0, response.Recorded);
        var audited = Assert.Single(Denials(_pair.KzSettings).Skip(before.Count));
        Assert.StartsWith("UNKNOWN_MESSAGE", audited.Detail, StringComparison.Ordinal);
        Assert.Equal("never-sent-here", audited.MessageId);
    }

    [Fact]
    public async Task A_repeated_forged_status_report_is_audited_every_time_and_alarmed_once()
    {
        var sent = await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("forged-twice", Party.Kz, TimeProvider.System.GetUtcNow()) });
        var forged = new RelayStatusRequest
        {
            FromParty = Party.Tm,
            Reports = { new StatusReport { Sequence = 9_200_000, MessageId = "forged-twice", Stage = Stage.Acknowledged, At = sent.AcceptedAt, ByBody = Notices.TmCompetentBody } },
        };
        var before = Denials(_pair.KzSettings);
        await _pair.KzNode.PeerService.RelayStatusAsync(forged, deadline: Soon());
        await _pair.KzNode.PeerService.RelayStatusAsync(forged, deadline: Soon());

        var audited = Denials(_pair.KzSettings).Skip(before.Count).ToList();
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.StartsWith("FORGED_STATUS_REPORT", a.Detail, StringComparison.Ordinal));
        var record = (await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "forged-twice" })).Message;
        Assert.Single(record.History, h => h.EventKind == EventKind.Alarm);
    }

    private static DateTime Soon() => TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(10);

    private static List<Gateway.Security.AuditEntry> Denials(NodeSettings node) =>
        [.. AuditTrail.Entries(node).Where(e => e.Kind == "authorization-denied")];

    private static async Task<(RpcException Status, Gateway.Security.AuditEntry Audited)> AuditedOnceAsync(NodeSettings node, Func<Task> call)
    {
        var before = Denials(node).Count;
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.DoesNotContain("   at ", e.Status.Detail, StringComparison.Ordinal);
        var audited = Assert.Single(Denials(node).Skip(before));
        return (e, audited);
    }

    private static void SameShape(RpcException unknown, RpcException hidden, string unknownId, string hiddenId)
    {
        Assert.Equal(unknown.StatusCode, hidden.StatusCode);
        Assert.Equal(unknown.Status.Detail.Replace(unknownId, "ID", StringComparison.Ordinal), hidden.Status.Detail.Replace(hiddenId, "ID", StringComparison.Ordinal));
        var a = unknown.GetRpcStatus()!.GetDetail<ResourceInfo>();
        var b = hidden.GetRpcStatus()!.GetDetail<ResourceInfo>();
        Assert.Equal(a.ResourceType, b.ResourceType);
        Assert.Equal(hiddenId, b.ResourceName);
        Assert.Equal(unknown.GetRpcStatus()!.Details.Count, hidden.GetRpcStatus()!.Details.Count);
    }

    private async Task SendToKzAb1Async(string id) =>
        await new Exchange(_pair, TimeProvider.System.GetUtcNow()).SendAsync(Party.Tm, id, Case.ContractRegistration, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody);
}
