using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>Receipts, status reports, deliveries and completions come in batches that the store reads with one statement:
/// each item of a batch must still see what the items before it changed, and settle each entry once.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task A_batch_of_receipts_settles_each_entry_once()
    {
        var store = await OpenAsync();
        var notices = new[] { Kz("batch-receipt-1"), Kz("batch-receipt-2"), Kz("batch-receipt-3") };
        foreach (var n in notices)
        {
            await SubmitAsync(store, n);
        }

        var outbox = await store.ReadOutboxAsync(10, CancellationToken.None);
        var refused = Stored(notices[1]);
        refused.Status = ReceiptStatus.Refused;
        refused.Refusal = new Refusal { RuleId = "PEER_RULE", Article = "Art. 9.2", Message = "no" };

        // The first entry twice (a resent batch answered twice), the second refused, the third not in the batch.
        await store.RecordReceiptsAsync(
            [new ReceiptForEntry(outbox[0].Sequence, outbox[0].Key, Stored(notices[0])), new ReceiptForEntry(outbox[1].Sequence, outbox[1].Key, refused),
             new ReceiptForEntry(outbox[0].Sequence, outbox[0].Key, Stored(notices[0]))],
            Now, CancellationToken.None);

        var first = (await store.GetMessageAsync(Key(notices[0]), CancellationToken.None))!;
        Assert.Equal(Stage.Relayed, first.Stage);
        Assert.Equal([Stage.Accepted, Stage.Relayed], first.History.Select(h => h.Stage));
        Assert.Equal(Stage.RefusedByPeer, (await store.GetMessageAsync(Key(notices[1]), CancellationToken.None))!.Stage);
        Assert.Equal([Key(notices[2])], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.Key));

        // Completing entries already gone and one still there in one call removes only that one.
        await store.CompleteOutboxAsync([outbox[0].Sequence, outbox[2].Sequence, outbox[1].Sequence], CancellationToken.None);
        Assert.Empty(await store.ReadOutboxAsync(10, CancellationToken.None));
        Assert.Equal(0L, await store.OutboxDepthAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_batch_of_status_reports_records_each_stage_once_in_order_and_never_guesses_the_body()
    {
        var store = await OpenAsync();
        var a = Kz("batch-status-a");
        var b = Kz("batch-status-b");
        var mine = Kz("batch-status-shared");
        var theirs = Kz("batch-status-shared");
        theirs.SenderBody = Notices.KzAuthorizedBody;
        foreach (var n in new[] { a, b, mine, theirs })
        {
            await SubmitAsync(store, n);
        }

        var outbox = await store.ReadOutboxAsync(10, CancellationToken.None);
        await store.RecordReceiptsAsync([.. outbox.Select(o => new ReceiptForEntry(o.Sequence, o.Key, new Receipt { Status = ReceiptStatus.Stored }))],
            Now, CancellationToken.None);
        long sequence = 0;
        StatusReport Report(Envelope notice, Stage stage, string? senderBody = null) => new()
        {
            Sequence = ++sequence, MessageId = notice.Id, Stage = stage, At = Gateway.Domain.Times.ToTimestamp(Now), ByBody = notice.ReceiverBody,
            SenderBody = senderBody ?? notice.SenderBody, Signature = Google.Protobuf.ByteString.CopyFrom([1, 2, 3]),
        };

        var recorded = await store.RecordPeerStatusAsync(
            [Report(a, Stage.Delivered), Report(a, Stage.Delivered), Report(a, Stage.Acknowledged), Report(b, Stage.Acknowledged),
             Report(mine, Stage.Delivered, senderBody: ""), Report(theirs, Stage.Delivered)],
            CancellationToken.None);

        // a: delivered once then acknowledged; b: acknowledged without a delivered report; the shared id: only the report
        // that names its body.
        Assert.Equal(4, recorded);
        var first = (await store.GetMessageAsync(Key(a), CancellationToken.None))!;
        Assert.Equal(Stage.Acknowledged, first.Stage);
        Assert.Equal([Stage.Accepted, Stage.Relayed, Stage.Delivered, Stage.Acknowledged], first.History.Select(h => h.Stage));
        Assert.Equal(Stage.Acknowledged, (await store.GetMessageAsync(Key(b), CancellationToken.None))!.Stage);
        Assert.Equal(Stage.Relayed, (await store.GetMessageAsync(Key(mine), CancellationToken.None))!.Stage);
        Assert.Equal(Stage.Delivered, (await store.GetMessageAsync(Key(theirs), CancellationToken.None))!.Stage);
    }

    [SkippableFact]
    public async Task A_batch_of_deliveries_reaches_delivered_once_per_notice_and_counts_each_delivery()
    {
        var store = await OpenAsync();
        var x = Tm("batch-deliver-x");
        var y = Tm("batch-deliver-y");
        await store.StoreRelayedAsync([Relayed(1, x), Relayed(2, y)], Now, CancellationToken.None);
        var items = await store.ReadInboxAsync(0, null, 10, CancellationToken.None);

        await store.MarkDeliveredAsync([items[0].Key, items[0].Key, items[1].Key, "TM/tm-mns/nothing"], Now, CancellationToken.None);

        var delivered = (await store.GetMessageAsync(items[0].Key, CancellationToken.None))!;
        Assert.Equal(Stage.Delivered, delivered.Stage);
        Assert.Single(delivered.History, h => h.Stage == Stage.Delivered);
        Assert.Equal(Stage.Delivered, (await store.GetMessageAsync(items[1].Key, CancellationToken.None))!.Stage);
        var redeliveries = await store.ReadRedeliveriesAsync(items[1].Cursor, null, Now, 10, CancellationToken.None);
        Assert.Equal([2, 1], redeliveries.Select(r => r.DeliveryCount));
        var statuses = await store.ReadOutboxAsync(10, CancellationToken.None);
        Assert.Equal([(items[0].Key, Stage.Delivered), (items[1].Key, Stage.Delivered)], statuses.Select(s => (s.Key, s.StatusStage)));
    }

    [SkippableFact]
    public async Task A_relayed_batch_dedups_within_itself_and_numbers_the_inbox_without_gaps_across_batches()
    {
        var store = await OpenAsync();
        var a = Tm("batch-relayed-a");
        var changed = a.Clone();
        changed.CorrelationId = "changed";
        var b = Tm("batch-relayed-b");
        var c = Tm("batch-relayed-c");

        var receipts = await store.StoreRelayedAsync([Relayed(1, a), Relayed(1, a), Relayed(2, changed), Relayed(3, b)], Now, CancellationToken.None);
        var later = await store.StoreRelayedAsync([Relayed(3, b), Relayed(4, c), Relayed(4, Tm("batch-relayed-late"))], Now.AddMinutes(1), CancellationToken.None);

        // A copy of a notice in the same batch gets the very same receipt; other content under its id is a conflict.
        Assert.Equal(ReceiptStatus.Stored, receipts[0].Status);
        Assert.Equal(receipts[0], receipts[1]);
        Assert.Equal("ID_CONFLICT", receipts[2].Refusal.RuleId);
        Assert.Equal(ReceiptStatus.Stored, receipts[3].Status);
        // The next batch: b again is its duplicate, c goes on from b's sequence, a late sequence is out of order.
        Assert.Equal(receipts[3], later[0]);
        Assert.Equal(ReceiptStatus.Stored, later[1].Status);
        Assert.Equal("RELAY_ORDER", later[2].Refusal.RuleId);
        var inbox = await store.ReadInboxAsync(0, null, 10, CancellationToken.None);
        Assert.Equal([Key(a), Key(b), Key(c)], inbox.Select(i => i.Key));
        Assert.Equal([1L, 2L, 3L], inbox.Select(i => i.Cursor - inbox[0].Cursor + 1));
    }
}
