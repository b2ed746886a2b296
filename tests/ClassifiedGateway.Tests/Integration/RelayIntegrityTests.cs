using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Relayed notices are signed by the sending node: altered, unsigned, re-signed or replayed ones change nothing.</summary>
public sealed class RelayIntegrityTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task A_byte_flipped_in_transit_is_refused_and_nothing_is_stored()
    {
        var notice = Signed("flipped", 2_000_001);
        var bytes = notice.Envelope.ToByteArray();
        bytes[^3] ^= 0x01;
        notice.Envelope = ByteString.CopyFrom(bytes);

        await RefusedAndNotStoredAsync(notice, "flipped");
    }

    [Fact]
    public async Task An_unsigned_notice_is_refused_and_nothing_is_stored()
    {
        var notice = Signed("unsigned", 2_000_002);
        notice.Signature = ByteString.Empty;
        await RefusedAndNotStoredAsync(notice, "unsigned");
    }

    [Fact]
    public async Task An_old_signature_on_a_new_id_is_refused()
    {
        var original = Signed("original-for-replay", 2_000_003);
        var envelope = Envelope.Parser.ParseFrom(original.Envelope);
        envelope.Id = "replayed-under-new-id";
        var forged = original.Clone();
        forged.Envelope = envelope.ToByteString();
        forged.Sequence = 2_000_004;

        await RefusedAndNotStoredAsync(forged, "replayed-under-new-id");
    }

    [Fact]
    public async Task A_replayed_notice_is_answered_with_its_first_receipt_and_stored_once()
    {
        var notice = Signed("replayed-same-id", 2_000_005);
        var first = Assert.Single((await Relay(notice)).Receipts);
        var again = Assert.Single((await Relay(notice)).Receipts);

        Assert.Equal(ReceiptStatus.Stored, first.Status);
        Assert.Equal(first.StoredAt, again.StoredAt);
        Assert.Equal(first.EnvelopeDigest, again.EnvelopeDigest);
        var record = (await _pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "replayed-same-id" })).Message;
        Assert.Single(record.History, h => h.Stage == Stage.Relayed && h.EventKind == EventKind.Stage);

        // The same signed notice under a later sequence is not the sender's: its signature covers the sequence.
        var moved = notice.Clone();
        moved.Sequence = 2_000_006;
        var refused = Assert.Single((await Relay(moved)).Receipts);
        Assert.Equal("SIGNATURE_INVALID", refused.Refusal.RuleId);
    }

    [Fact]
    public async Task A_status_report_without_the_peers_signature_raises_an_alarm_and_changes_nothing()
    {
        var sent = await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("status-forged", Party.Kz, TimeProvider.System.GetUtcNow()) });
        Assert.Equal(Stage.Accepted, sent.Stage);

        // Impersonate TM's node towards KZ: a well-formed but unsigned "acknowledged" report.
        using var channel = _pair.KzNode.Channel(_pair.KzSettings.PeerPort, Path.Combine(_pair.KzSettings.Other, "node"));
        var peer = new PeerRelayService.PeerRelayServiceClient(channel);
        var response = await peer.RelayStatusAsync(new RelayStatusRequest
        {
            FromParty = Party.Tm,
            Reports = { new StatusReport { Sequence = 9_000_000, MessageId = "status-forged", Stage = Stage.Acknowledged, At = sent.AcceptedAt, ByBody = Notices.TmCompetentBody } },
        });

        Assert.Equal(0, response.Recorded);
        var record = (await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "status-forged" })).Message;
        // Nothing acknowledged it (no subscriber runs in this fixture), so any Acknowledged entry would be the forgery's.
        Assert.NotEqual(Stage.Acknowledged, record.Stage);
        Assert.DoesNotContain(record.History, h => h.Stage == Stage.Acknowledged);
        Assert.Contains(record.History, h => h.EventKind == EventKind.Alarm
            && h.Detail == "ALARM: a Acknowledged report without the peer's valid signature was ignored");
    }

    private RelayedNotice Signed(string id, long sequence) =>
        PeerImpersonation.Signed(_pair.TmSettings, Notices.Consultation(id, Party.Kz, TimeProvider.System.GetUtcNow()), sequence, TimeProvider.System.GetUtcNow());

    private async Task<RelayResponse> Relay(RelayedNotice notice) =>
        await _pair.TmNode.PeerService.RelayAsync(new RelayRequest { FromParty = Party.Kz, Notices = { notice } });

    private async Task RefusedAndNotStoredAsync(RelayedNotice notice, string id)
    {
        // This call's own audit entry: the same id, one more than before (a sibling test's entry does not count).
        var before = AuditTrail.Entries(_pair.TmSettings).Count(e => e.Kind == "relay-rejected" && e.MessageId == id);
        var receipt = Assert.Single((await Relay(notice)).Receipts);
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Equal("SIGNATURE_INVALID", receipt.Refusal.RuleId);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id }).ResponseAsync);
        var entries = AuditTrail.Entries(_pair.TmSettings).Where(e => e.Kind == "relay-rejected" && e.MessageId == id).ToList();
        Assert.Equal(before + 1, entries.Count);
        Assert.StartsWith("SIGNATURE_INVALID", entries[^1].Detail, StringComparison.Ordinal);
    }
}
