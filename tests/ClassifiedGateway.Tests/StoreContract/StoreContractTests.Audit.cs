using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The hash-chained audit trail and its signed checkpoints, alarms, evidence, the change feed and the operators' queries.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task The_audit_chain_verifies_with_its_checkpoints_and_a_checkpoint_is_signed_only_when_the_head_moved()
    {
        var store = await OpenAsync();
        var (sign, certificate) = NodeSigner();
        Assert.Null(await store.CheckpointAuditAsync(sign, Now, CancellationToken.None));
        await SubmitAsync(store, Kz("audit-1"));
        await store.StoreRelayedAsync([Relayed(1, Tm("audit-2"))], Now, CancellationToken.None);

        var first = await store.CheckpointAuditAsync(sign, Now, CancellationToken.None);
        Assert.Null(await store.CheckpointAuditAsync(sign, Now, CancellationToken.None));
        await store.AppendAuditAsync("authorization-denied", "-", "CN=someone", "denied Submit", Now, CancellationToken.None);
        var second = await store.CheckpointAuditAsync(sign, Now, CancellationToken.None);

        var (entries, checkpoints) = await StoreAuditReader.ReadAsync(Dialect, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal([first!.HeadSequence, second!.HeadSequence], checkpoints.Select(c => c.HeadSequence));
        Assert.Equal(entries[^1].Sequence, second.HeadSequence);
        var verdict = AuditVerifier.Verify(entries, checkpoints, certificate);
        Assert.True(verdict.Intact, verdict.Message);
        Assert.Empty(await StoreVerifier.VerifyAsync(Dialect, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_altered_audit_entry_breaks_the_chain_where_it_was_altered()
    {
        var store = await OpenAsync();
        var (sign, certificate) = NodeSigner();
        await SubmitAsync(store, Kz("altered-1"));
        await SubmitAsync(store, Kz("altered-2"));
        await store.CheckpointAuditAsync(sign, Now, CancellationToken.None);

        await RawAsync("UPDATE audit SET detail = @d WHERE seq = 1", ("@d", "rewritten"));

        var (entries, checkpoints) = await StoreAuditReader.ReadAsync(Dialect, CancellationToken.None);
        var verdict = AuditVerifier.Verify(entries, checkpoints, certificate);
        Assert.False(verdict.Intact);
        Assert.Equal(1L, verdict.FirstBrokenSequence);
    }

    [SkippableFact]
    public async Task An_alarm_is_recorded_once_per_detail_and_only_on_a_stored_message()
    {
        var store = await OpenAsync();
        var notice = Kz("alarm-1");
        await SubmitAsync(store, notice);

        await store.RecordAlarmAsync(Key(notice), "ALARM: clock skew", Now, CancellationToken.None);
        await store.RecordAlarmAsync(Key(notice), "ALARM: clock skew", Now, CancellationToken.None);
        await store.RecordAlarmAsync(Key(notice), "ALARM: something else", Now, CancellationToken.None);
        await store.RecordAlarmAsync("KZ/kz-knb/unknown", "ALARM: clock skew", Now, CancellationToken.None);

        var record = (await store.GetMessageAsync(Key(notice), CancellationToken.None))!;
        Assert.Equal(["ALARM: clock skew", "ALARM: something else"], record.History.Where(h => h.EventKind == EventKind.Alarm).Select(h => h.Detail));
        Assert.Equal(0L, Convert.ToInt64(await RawAsync("SELECT COUNT(*) FROM history WHERE message_id = @id", ("@id", "KZ/kz-knb/unknown")),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task The_change_feed_lists_every_history_entry_once_in_order_and_pages_without_gaps()
    {
        var store = await OpenAsync();
        Assert.Equal(0L, await store.LatestChangeSequenceAsync(CancellationToken.None));
        for (var i = 1; i <= 4; i++)
        {
            await SubmitAsync(store, Kz($"feed-{i}"));
        }

        await store.StoreRelayedAsync([Relayed(1, Tm("feed-in"))], Now, CancellationToken.None);

        var all = await store.ReadStageChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal(["feed-1", "feed-2", "feed-3", "feed-4", "feed-in"], all.Select(e => e.MessageId));
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(all[^1].Sequence, await store.LatestChangeSequenceAsync(CancellationToken.None));
        var paged = new List<StageEvent>();
        for (long after = 0; await store.ReadStageChangesAsync(after, 2, CancellationToken.None) is { Count: > 0 } page; after = page[^1].Sequence)
        {
            paged.AddRange(page);
        }

        Assert.Equal(all, paged);
        Assert.Equal([Direction.Outbound, Direction.Inbound], all.Select(e => e.Direction).Distinct());
    }

    [SkippableFact]
    public async Task Evidence_lists_and_counts_read_back_what_was_stored()
    {
        var store = await OpenAsync();
        var notices = Enumerable.Range(1, 5).Select(i => Kz($"list-{i}")).ToList();
        foreach (var n in notices)
        {
            await SubmitAsync(store, n);
        }

        var entry = (await store.ReadOutboxAsync(1, CancellationToken.None))[0];
        await store.RecordReceiptsAsync([new ReceiptForEntry(entry.Sequence, entry.Key, Stored(notices[0]))], Now, CancellationToken.None);

        var evidence = (await store.GetEvidenceAsync(Key(notices[0]), CancellationToken.None))!;
        Assert.Equal(notices[0].ToByteArray(), evidence.Envelope);
        Assert.Equal(ReceiptStatus.Stored, evidence.Receipt!.Status);
        Assert.All(evidence.Audit, a => Assert.Equal(Key(notices[0]), a.MessageId));
        Assert.Equal(2, evidence.Audit.Count);
        Assert.Null(await store.GetEvidenceAsync("KZ/kz-knb/none", CancellationToken.None));

        var first = await store.ListMessagesAsync(new MessageQuery(null, null, null, null, 2, null), CancellationToken.None);
        var second = await store.ListMessagesAsync(new MessageQuery(null, null, null, null, 2, first.NextBeforeSequence), CancellationToken.None);
        Assert.Equal(["list-5", "list-4", "list-3", "list-2"], first.Messages.Concat(second.Messages).Select(m => m.Envelope.Id));
        var relayed = await store.ListMessagesAsync(new MessageQuery(null, Stage.Relayed, Direction.Outbound, "kz-knb", 10, null), CancellationToken.None);
        Assert.Equal(["list-1"], relayed.Messages.Select(m => m.Envelope.Id));
        var counts = await store.CountByStageAsync(CancellationToken.None);
        Assert.Equal([(Stage.Accepted, 4L), (Stage.Relayed, 1L)], counts.Where(c => c.Direction == Direction.Outbound).Select(c => (c.Stage, c.Count)));
    }
}
