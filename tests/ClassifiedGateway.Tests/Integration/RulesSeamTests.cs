using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The rules seam at both ends: the sending node refuses before it accepts; the receiving node checks again.</summary>
public sealed class RulesSeamTests
{
    [Fact]
    public async Task A_visit_requested_less_than_a_month_ahead_is_refused_with_the_article_and_never_relayed()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = "2027-03-02T06:00:00+00:00");
        var envelope = Notices.Envelope("late-visit", Party.Kz, DateTimeOffset.Parse("2027-03-02T06:00:00+00:00"), Envelope.NoticeOneofCase.VisitRequest);
        envelope.VisitRequest = Notices.Visit(new DateOnly(2027, 3, 31));

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);

        var info = RpcAssert.ErrorInfo(e);
        Assert.Equal("VISIT_REQUEST_TOO_LATE", info?.Reason);
        Assert.Equal("Art. 9.2", info?.Metadata["article"]);
        Assert.Equal("Art. 9.2: a visit on 2027-03-31 must be requested by 2027-02-28; this request was submitted on 2027-03-02.", e.Status.Detail);
        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "late-visit" })).Message;
        Assert.Equal(Stage.Refused, record.Stage);
        Assert.Equal("VISIT_REQUEST_TOO_LATE", record.Refusal.RuleId);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "late-visit" }).ResponseAsync);

        // A retry of the refused submission gets the same refusal, not a new decision.
        var again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
        Assert.Equal(e.Status.Detail, again.Status.Detail);
    }

    [Fact]
    public async Task The_receiving_node_refuses_what_its_peer_should_not_have_accepted()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = "2027-03-02T06:00:00+00:00");
        var acceptedAt = DateTimeOffset.Parse("2027-03-02T06:00:00+00:00");
        var envelope = Notices.Envelope("smuggled-visit", Party.Kz, acceptedAt, Envelope.NoticeOneofCase.VisitRequest);
        envelope.VisitRequest = Notices.Visit(new DateOnly(2027, 3, 31));

        // Impersonate KZ's node: call TM's peer service directly.
        var response = await pair.TmNode.PeerService.RelayAsync(new RelayRequest
        {
            FromParty = Party.Kz,
            Notices = { PeerImpersonation.Signed(pair.TmSettings, envelope, 1_000_000, acceptedAt) },
        });

        var receipt = Assert.Single(response.Receipts);
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Equal("VISIT_REQUEST_TOO_LATE", receipt.Refusal.RuleId);
        var stored = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "smuggled-visit" })).Message;
        Assert.Equal(Stage.Refused, stored.Stage);
    }

    [Fact]
    public async Task The_peer_listener_refuses_a_caller_claiming_to_be_its_own_party()
    {
        await using var pair = await NodePair.StartAsync();
        var e = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => pair.TmNode.PeerService.RelayAsync(new RelayRequest { FromParty = Party.Tm }).ResponseAsync);
        Assert.Equal("NOT_THE_PEER", RpcAssert.ErrorInfo(e)?.Reason);
    }

    [Fact]
    public async Task The_sender_sees_refused_by_peer_when_the_receiving_node_refuses()
    {
        // The nodes disagree on who KZ's competent body is: TM refuses on arrival what KZ accepted. (Clock skew no longer
        // does this: it is reported, never a refusal; see ClockSkewTests.)
        await using var pair = await NodePair.StartAsync(s =>
        {
            if (s.Party == Party.Tm)
            {
                s.Extra["Gateway:Rules:KazakhstanCompetentBody"] = "kz-other";
            }
        });
        var envelope = Notices.Consultation("refused-there", Party.Kz, TimeProvider.System.GetUtcNow());

        var accepted = await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope });
        Assert.Equal(Stage.Accepted, accepted.Stage);
        await Eventually.TrueAsync(async () =>
            (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "refused-there" })).Message.Stage == Stage.RefusedByPeer,
            TimeSpan.FromSeconds(30), pair.Logs);

        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "refused-there" })).Message;
        Assert.Equal("COMPETENT_BODIES_ONLY", record.Refusal.RuleId);
        Assert.Equal("Art. 3, 5.1", record.Refusal.Article);
        Assert.Equal(ReceiptStatus.Refused, record.Receipt.Status);
        Assert.Contains(record.History, h => h.Stage == Stage.RefusedByPeer && h.Refusal.RuleId == "COMPETENT_BODIES_ONLY");
        var atTm = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "refused-there" })).Message;
        Assert.Equal(Stage.Refused, atTm.Stage);
    }
}
