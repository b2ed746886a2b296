using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>Submit, dedup, the outbox in acceptance order, receipts and the peer's status reports.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task A_retry_is_a_duplicate_other_content_is_a_conflict_and_another_senders_id_is_another_message()
    {
        var store = await OpenAsync();
        var first = Kz("dup-1");

        var accepted = await SubmitAsync(store, first);
        var retry = await SubmitAsync(store, first);
        var changed = first.Clone();
        changed.CorrelationId = "other";
        var other = Kz("dup-1");
        other.SenderBody = Notices.KzAuthorizedBody;

        Assert.Equal((Stage.Accepted, false), (accepted.Stage, accepted.Duplicate));
        Assert.Equal((Stage.Accepted, true, accepted.AcceptedAt), (retry.Stage, retry.Duplicate, retry.AcceptedAt));
        await Assert.ThrowsAsync<IdConflictException>(() => SubmitAsync(store, changed));
        Assert.False((await SubmitAsync(store, other)).Duplicate);
        Assert.Equal([Key(first), Key(other)], (await store.FindMessagesAsync(new MessageRef("dup-1"), CancellationToken.None)).Select(f => f.Key));
        Assert.Equal(2L, await store.OutboxDepthAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_refused_submit_is_stored_refused_and_never_queued()
    {
        var store = await OpenAsync();
        var refused = Kz("refused-1");

        var outcome = await SubmitAsync(store, refused, new(new Refusal { RuleId = "TEST_RULE", Article = "Art. 5.1", Message = "no" }, [], []));

        Assert.Equal(Stage.Refused, outcome.Stage);
        Assert.Equal("TEST_RULE", (await store.GetMessageAsync(Key(refused), CancellationToken.None))!.Refusal.RuleId);
        Assert.Equal(0L, await store.OutboxDepthAsync(CancellationToken.None));
        Assert.True((await SubmitAsync(store, refused)).Duplicate);
    }

    [SkippableFact]
    public async Task The_outbox_keeps_acceptance_order_and_receipts_failures_and_completions_settle_it()
    {
        var store = await OpenAsync();
        var notices = Enumerable.Range(1, 5).Select(i => Kz($"order-{i}")).ToList();
        foreach (var n in notices)
        {
            await SubmitAsync(store, n);
        }

        var outbox = await store.ReadOutboxAsync(10, CancellationToken.None);
        Assert.Equal(notices.Select(Key), outbox.Select(o => o.Key));
        Assert.Equal(outbox.Select(o => o.Sequence).Order(), outbox.Select(o => o.Sequence));
        Assert.All(outbox, o => Assert.Equal(OutboxEntryType.Notice, o.Type));

        await store.RecordReceiptsAsync([.. outbox.Take(2).Select((o, i) => new ReceiptForEntry(o.Sequence, o.Key, Stored(notices[i])))], Now, CancellationToken.None);
        var historyBefore = (await store.GetMessageAsync(Key(notices[0]), CancellationToken.None))!.History.Count;
        // A receipt for an entry already settled changes nothing.
        await store.RecordReceiptsAsync([new ReceiptForEntry(outbox[0].Sequence, outbox[0].Key, Stored(notices[0]))], Now, CancellationToken.None);
        await store.FailOutboxEntryAsync(outbox[2].Sequence, outbox[2].Key, OutboxEntryType.Notice, "refused three times", Now, CancellationToken.None);
        await store.CompleteOutboxAsync([outbox[3].Sequence], CancellationToken.None);

        var first = (await store.GetMessageAsync(Key(notices[0]), CancellationToken.None))!;
        Assert.Equal(Stage.Relayed, first.Stage);
        Assert.Equal(ReceiptStatus.Stored, first.Receipt.Status);
        Assert.Equal(historyBefore, first.History.Count);
        var failed = (await store.GetMessageAsync(Key(notices[2]), CancellationToken.None))!;
        Assert.Equal((Stage.Failed, "RELAY_FAILED"), (failed.Stage, failed.Refusal.RuleId));
        Assert.Equal([Key(notices[4])], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.Key));
    }

    [SkippableFact]
    public async Task A_refusal_by_the_peer_is_recorded_with_its_reason()
    {
        var store = await OpenAsync();
        var notice = Kz("peer-refused-1");
        await SubmitAsync(store, notice);
        var entry = Assert.Single(await store.ReadOutboxAsync(10, CancellationToken.None));
        var receipt = Stored(notice);
        receipt.Status = ReceiptStatus.Refused;
        receipt.Refusal = new Refusal { RuleId = "PEER_RULE", Article = "Art. 9.2", Message = "too late" };

        await store.RecordReceiptsAsync([new ReceiptForEntry(entry.Sequence, entry.Key, receipt)], Now, CancellationToken.None);

        var record = (await store.GetMessageAsync(Key(notice), CancellationToken.None))!;
        Assert.Equal((Stage.RefusedByPeer, "PEER_RULE", "Art. 9.2"), (record.Stage, record.Refusal.RuleId, record.Refusal.Article));
    }

    [SkippableFact]
    public async Task The_peers_status_reports_move_a_relayed_notice_once_each()
    {
        var store = await OpenAsync();
        var notice = Kz("status-1");
        await SubmitAsync(store, notice);
        var entry = Assert.Single(await store.ReadOutboxAsync(10, CancellationToken.None));
        await store.RecordReceiptsAsync([new ReceiptForEntry(entry.Sequence, entry.Key, Stored(notice))], Now, CancellationToken.None);
        StatusReport Report(Stage stage, long sequence) => new()
        {
            Sequence = sequence, MessageId = notice.Id, Stage = stage, At = Gateway.Domain.Times.ToTimestamp(Now), ByBody = notice.ReceiverBody, SenderBody = notice.SenderBody,
            BatchProof = new BatchProof { LeafIndex = 1, LeafCount = 2, Path = { Google.Protobuf.ByteString.CopyFrom(new byte[32]) }, RootSignature = Google.Protobuf.ByteString.CopyFrom([7, 7]) },
        };
        var delivered = Report(Stage.Delivered, 1);
        var acknowledged = Report(Stage.Acknowledged, 3);

        Assert.Equal(1, await store.RecordPeerStatusAsync([delivered], CancellationToken.None));
        Assert.Equal(0, await store.RecordPeerStatusAsync([Report(Stage.Delivered, 2)], CancellationToken.None));
        Assert.Equal(1, await store.RecordPeerStatusAsync([acknowledged], CancellationToken.None));

        var record = (await store.GetMessageAsync(Key(notice), CancellationToken.None))!;
        Assert.Equal(Stage.Acknowledged, record.Stage);
        Assert.Equal([Stage.Accepted, Stage.Relayed, Stage.Delivered, Stage.Acknowledged], record.History.Select(h => h.Stage));

        // The evidence keeps each stage's first report exactly as it came, proof included.
        var evidence = (await store.GetEvidenceAsync(Key(notice), CancellationToken.None))!;
        Assert.Equal([delivered, acknowledged], evidence.StatusReports!);
    }
}
