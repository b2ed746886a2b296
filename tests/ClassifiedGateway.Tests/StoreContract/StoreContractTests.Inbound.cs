using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>Relayed notices: order, dedup, one receipt each, poison notices alone; the inbox, redelivery, acknowledgement.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Relayed_notices_are_stored_in_order_with_one_receipt_each_and_a_poison_notice_is_refused_alone()
    {
        var store = await OpenAsync();
        var (a, poison, c) = (Tm("in-1"), Tm("in-2"), Tm("in-3"));

        var receipts = await store.StoreRelayedAsync(
            [Relayed(1, a), Relayed(2, poison, _ => throw new InvalidOperationException("rules crashed")), Relayed(3, c)], Now, CancellationToken.None);

        Assert.Equal([ReceiptStatus.Stored, ReceiptStatus.Refused, ReceiptStatus.Stored], receipts.Select(r => r.Status));
        Assert.Equal("PROCESSING_FAILED", receipts[1].Refusal.RuleId);
        var inbox = await store.ReadInboxAsync(0, null, 10, CancellationToken.None);
        Assert.Equal([Key(a), Key(c)], inbox.Select(i => i.Key));
        Assert.True(inbox[0].Cursor < inbox[1].Cursor);
        Assert.Equal([Key(c)], (await store.ReadInboxAsync(inbox[0].Cursor, null, 10, CancellationToken.None)).Select(i => i.Key));
        Assert.Empty(await store.ReadInboxAsync(0, "someone-else", 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_resend_gets_the_same_receipt_and_a_sequence_that_goes_back_is_refused()
    {
        var store = await OpenAsync();
        var first = Tm("resend-1");
        var original = Assert.Single(await store.StoreRelayedAsync([Relayed(5, first)], Now, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));

        var again = Assert.Single(await store.StoreRelayedAsync([Relayed(5, first)], Now.AddMinutes(1), CancellationToken.None));
        var backwards = Assert.Single(await store.StoreRelayedAsync([Relayed(4, Tm("resend-2"))], Now.AddMinutes(1), CancellationToken.None));
        var changed = first.Clone();
        changed.CorrelationId = "changed";
        var conflict = Assert.Single(await store.StoreRelayedAsync([Relayed(6, changed)], Now.AddMinutes(1), CancellationToken.None));

        Assert.Equal(original, again);
        Assert.Equal((ReceiptStatus.Refused, "RELAY_ORDER"), (backwards.Status, backwards.Refusal.RuleId));
        Assert.Equal((ReceiptStatus.Refused, "ID_CONFLICT"), (conflict.Status, conflict.Refusal.RuleId));
        Assert.Single(await store.ReadInboxAsync(0, null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Delivery_redelivery_and_acknowledgement_are_recorded_and_queued_for_the_sender()
    {
        var store = await OpenAsync();
        var notice = Tm("deliver-1");
        await store.StoreRelayedAsync([Relayed(1, notice)], Now, CancellationToken.None);
        var item = Assert.Single(await store.ReadInboxAsync(0, null, 10, CancellationToken.None));

        await store.MarkDeliveredAsync([item.Key], Now, CancellationToken.None);
        await store.MarkDeliveredAsync([item.Key], Now.AddMinutes(6), CancellationToken.None);
        var redelivery = Assert.Single(await store.ReadRedeliveriesAsync(item.Cursor, null, Now.AddMinutes(6), 10, CancellationToken.None));
        Assert.Equal(2, redelivery.DeliveryCount);
        Assert.Empty(await store.ReadRedeliveriesAsync(item.Cursor, null, Now.AddMinutes(5), 10, CancellationToken.None));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => store.AcknowledgeAsync(item.Key, "kz-ab-1", Now, "test", CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => store.AcknowledgeAsync("TM/tm-mns/nothing", null, Now, "test", CancellationToken.None));
        var acknowledged = await store.AcknowledgeAsync(item.Key, notice.ReceiverBody, Now.AddMinutes(7), "test", CancellationToken.None);
        var again = await store.AcknowledgeAsync(item.Key, notice.ReceiverBody, Now.AddMinutes(8), "test", CancellationToken.None);

        Assert.Equal((Stage.Acknowledged, acknowledged.AcknowledgedAt), (again.Stage, again.AcknowledgedAt));
        Assert.Empty(await store.ReadRedeliveriesAsync(item.Cursor, null, Now.AddDays(1), 10, CancellationToken.None));
        var statuses = await store.ReadOutboxAsync(10, CancellationToken.None);
        Assert.Equal([Stage.Delivered, Stage.Acknowledged], statuses.Select(s => s.StatusStage));
        Assert.All(statuses, s => Assert.Equal((OutboxEntryType.Status, notice.ReceiverBody), (s.Type, s.ByBody)));
    }

    [SkippableFact]
    public async Task A_notice_refused_on_arrival_is_kept_refused_out_of_the_inbox_and_cannot_be_acknowledged()
    {
        var store = await OpenAsync();
        var notice = Tm("arrival-refused-1");

        var receipt = Assert.Single(await store.StoreRelayedAsync(
            [Relayed(1, notice, _ => new Admission(new Refusal { RuleId = "TEST_RULE", Article = "Art. 5.1" }, [], []))], Now, CancellationToken.None));

        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Empty(await store.ReadInboxAsync(0, null, 10, CancellationToken.None));
        await Assert.ThrowsAsync<RuleRefusalException>(() => store.AcknowledgeAsync(Key(notice), null, Now, "test", CancellationToken.None));
    }
}
