using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The counts the database keeps by trigger (migration 15): stage counts, the outbox's depth and the link backlog equal
/// what a scan of the rows says, after every kind of write, after an upgrade, and verify-store notices a counter that lies.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Kept_counts_equal_a_count_of_the_rows_after_every_kind_of_write()
    {
        var store = await OpenAsync();
        await RunVariedWorkloadAsync(store, async () => await AssertCountsExactAsync(store));
        var counts = await store.CountByStageAsync(CancellationToken.None);
        // The workload reaches these stages; a stage no message holds any more is not listed (as the GROUP BY never listed it).
        Assert.Equal(
            [(Direction.Outbound, Stage.Accepted), (Direction.Outbound, Stage.Relayed), (Direction.Outbound, Stage.Delivered), (Direction.Outbound, Stage.Acknowledged),
             (Direction.Outbound, Stage.Refused), (Direction.Outbound, Stage.RefusedByPeer), (Direction.Outbound, Stage.Failed),
             (Direction.Inbound, Stage.Relayed), (Direction.Inbound, Stage.Delivered), (Direction.Inbound, Stage.Acknowledged), (Direction.Inbound, Stage.Answered),
             (Direction.Inbound, Stage.Refused), (Direction.Inbound, Stage.Failed)],
            counts.Select(c => (c.Direction, c.Stage)));
        Assert.Empty(await CountsVerifier.VerifyAsync(Dialect, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Migration_15_counts_the_messages_a_store_already_held()
    {
        var store = await OpenAsync(withoutMigration: 15);
        await RunVariedWorkloadAsync(store, () => Task.CompletedTask);

        store = await RestartAsync();

        await AssertCountsExactAsync(store);
        Assert.NotEmpty(await store.CountByStageAsync(CancellationToken.None));
        Assert.Empty(await CountsVerifier.VerifyAsync(Dialect, CancellationToken.None));
        // And the triggers keep them from there on.
        await SubmitAtAsync(store, Kz("after-upgrade"), Now.AddMinutes(80));
        await AssertCountsExactAsync(store);
    }

    [SkippableFact]
    public async Task Verify_store_names_a_kept_count_that_differs_from_its_rows()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, Kz("tamper-1"));
        await SubmitAsync(store, Kz("tamper-2"));
        Assert.Empty(await CountsVerifier.VerifyAsync(Dialect, CancellationToken.None));

        await RawAsync("UPDATE stage_counts SET count = 7 WHERE direction = 1 AND stage = 1");
        await RawAsync("INSERT INTO stage_counts (direction, stage, count) VALUES (2, 99, 1)");
        await RawAsync("UPDATE counters SET value = 5 WHERE name = 'outbox_entries'");

        Assert.Equal(
            [
                "stage_counts holds 7 OUTBOUND ACCEPTED messages; the messages table holds 2",
                "stage_counts holds 1 INBOUND 99 messages; the messages table holds 0",
                "the outbox entry counter holds 5; the outbox holds 2 entries",
            ],
            await CountsVerifier.VerifyAsync(Dialect, CancellationToken.None));
    }

    /// <summary>Submits, refusals, duplicates, receipts, a peer's refusal, a failed entry, the peer's status reports, relayed notices
    /// (stored, refused on arrival, a poison one), delivery, acknowledgement, an answer, and a quarantine; <paramref name="check"/>
    /// after each step.</summary>
    private async Task RunVariedWorkloadAsync(SqlGatewayStore store, Func<Task> check)
    {
        // Accepted a minute apart, and delivered out of acceptance order, so "the oldest" is a real minimum, not the first row.
        var outbound = Enumerable.Range(1, 7).Select(i => Kz($"mix-out-{i}")).ToList();
        for (var i = 0; i < outbound.Count; i++)
        {
            await SubmitAtAsync(store, outbound[i], Now.AddMinutes(i + 1));
        }

        await SubmitAsync(store, outbound[0]);
        await SubmitAsync(store, Kz("mix-refused"), new(new Refusal { RuleId = "TEST_RULE", Article = "Art. 5.1", Message = "no" }, [], []));
        await check();

        var entries = await store.ReadOutboxAsync(10, CancellationToken.None);
        var refusal = Stored(outbound[2]);
        refusal.Status = ReceiptStatus.Refused;
        refusal.Refusal = new Refusal { RuleId = "PEER_RULE", Article = "Art. 9.2", Message = "too late" };
        await store.RecordReceiptsAsync(
            [.. new[] { 0, 1, 5, 6 }.Select(i => new ReceiptForEntry(entries[i].Sequence, entries[i].Key, Stored(outbound[i]))),
             new ReceiptForEntry(entries[2].Sequence, entries[2].Key, refusal)],
            Now.AddMinutes(10), CancellationToken.None);
        await store.FailOutboxEntryAsync(entries[3].Sequence, entries[3].Key, OutboxEntryType.Notice, "refused three times", Now, CancellationToken.None);
        await check();

        StatusReport Report(Envelope n, Stage stage, int minute) => new()
        {
            MessageId = n.Id, Stage = stage, At = Times.ToTimestamp(Now.AddMinutes(minute)), ByBody = n.ReceiverBody, SenderBody = n.SenderBody,
        };
        await store.RecordPeerStatusAsync([Report(outbound[0], Stage.Delivered, 50), Report(outbound[6], Stage.Delivered, 40)], CancellationToken.None);
        await check();
        await store.RecordPeerStatusAsync(
            [Report(outbound[1], Stage.Delivered, 45), Report(outbound[1], Stage.Acknowledged, 46), Report(outbound[1], Stage.Acknowledged, 47)], CancellationToken.None);
        await check();

        var inbound = Enumerable.Range(1, 5).Select(i => Tm($"mix-in-{i}")).ToList();
        await store.StoreRelayedAsync(
            [.. inbound.Select((n, i) => Relayed(i + 1, n)),
             Relayed(6, Tm("mix-in-refused"), _ => new Admission(new Refusal { RuleId = "TEST_RULE", Article = "Art. 5.1" }, [], [])),
             Relayed(7, Tm("mix-in-poison"), _ => throw new InvalidOperationException("rules crashed"))],
            Now.AddMinutes(60), CancellationToken.None);
        await store.StoreRelayedAsync([Relayed(1, inbound[0])], Now.AddMinutes(61), CancellationToken.None);
        await check();

        await store.MarkDeliveredAsync([Key(inbound[0]), Key(inbound[1])], Now.AddMinutes(62), CancellationToken.None);
        await store.MarkDeliveredAsync([Key(inbound[0])], Now.AddMinutes(68), CancellationToken.None);
        await store.AcknowledgeAsync(Key(inbound[1]), inbound[1].ReceiverBody, Now.AddMinutes(69), "test", CancellationToken.None);
        await store.AcknowledgeAsync(Key(inbound[1]), inbound[1].ReceiverBody, Now.AddMinutes(70), "test", CancellationToken.None);
        await SubmitAtAsync(store, Notices.Envelope("mix-answer", Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest, inReplyTo: inbound[2].Id),
            Now.AddMinutes(71));
        await check();

        // Every step so far took its time from the step (a minute later each), as the node's clock would: entries are queued in
        // time order, which the link backlog's "oldest waiting" relies on. Stored bytes that rotted: reading them quarantines the message (FAILED) and takes it out of the inbox and the outbox.
        await RawAsync("UPDATE messages SET envelope = @bytes WHERE key IN (@a, @b)", ("@bytes", new byte[] { 1, 2, 3 }), ("@a", Key(inbound[3])), ("@b", Key(outbound[4])));
        await store.ReadInboxAsync(0, null, 10, CancellationToken.None);
        await store.ReadOutboxAsync(20, CancellationToken.None);
        await check();
    }

    private static Task<SubmitOutcome> SubmitAtAsync(SqlGatewayStore store, Envelope e, DateTimeOffset at) =>
        store.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), NoticeKinds.Of(e).Name, at, _ => Admission.Admit), CancellationToken.None);

    /// <summary>What the store reports equals what a scan of the rows says (the queries as they were before migration 15).</summary>
    private async Task AssertCountsExactAsync(SqlGatewayStore store)
    {
        var scanned = await RowsAsync("SELECT direction, stage, COUNT(*) FROM messages GROUP BY direction, stage ORDER BY direction, stage");
        Assert.Equal(scanned, (await store.CountByStageAsync(CancellationToken.None)).Select(c => ((long)c.Direction, (long)c.Stage, c.Count)));
        Assert.Equal(Convert.ToInt64(await RawAsync("SELECT COUNT(*) FROM outbox")), await store.OutboxDepthAsync(CancellationToken.None));

        var backlog = await store.ReadLinkBacklogAsync(CancellationToken.None);
        var oldestWaiting = await RawAsync("SELECT MIN(at) FROM outbox");
        Assert.Equal(oldestWaiting is null ? null : Times.FromUnixMs(Convert.ToInt64(oldestWaiting)), backlog.OldestWaitingSince);
        Assert.Equal(backlog.OutboxDepth, await store.OutboxDepthAsync(CancellationToken.None));
        var (undelivered, oldestUndelivered) = await ScanAsync("accepted_at", "1, 2");
        var (unacknowledged, oldestUnacknowledged) = await ScanAsync("stage_at", "3");
        Assert.Equal((undelivered, oldestUndelivered, unacknowledged, oldestUnacknowledged),
            (backlog.Undelivered, backlog.OldestUndeliveredSince, backlog.Unacknowledged, backlog.OldestUnacknowledgedSince));
    }

    private async Task<(long Count, DateTimeOffset? Oldest)> ScanAsync(string since, string stages)
    {
        var row = (await RowsAsync($"SELECT COUNT(*), COALESCE(MIN({since}), -1), 0 FROM messages WHERE direction = 1 AND stage IN ({stages})"))[0];
        return (row.Item1, row.Item2 < 0 ? null : Times.FromUnixMs(row.Item2));
    }

    private async Task<List<(long, long, long)>> RowsAsync(string sql)
    {
        await using var connection = await Dialect.OpenReaderAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var r = await command.ExecuteReaderAsync();
        var rows = new List<(long, long, long)>();
        while (await r.ReadAsync())
        {
            rows.Add((Convert.ToInt64(r[0]), Convert.ToInt64(r[1]), Convert.ToInt64(r[2])));
        }

        return rows;
    }

    [SkippableFact]
    public async Task The_other_nodes_backlog_is_shared_through_the_store_latest_first()
    {
        var store = await OpenAsync();

        Assert.Null(await store.ReadSharedPeerBacklogAsync(CancellationToken.None));
        await store.SharePeerBacklogAsync(1_200, Now, CancellationToken.None);
        await store.SharePeerBacklogAsync(40, Now.AddSeconds(1), CancellationToken.None);

        Assert.Equal((40L, Now.AddSeconds(1)), await store.ReadSharedPeerBacklogAsync(CancellationToken.None));
        // The shared rows are not outbox entries: the backlog this node counts is unchanged.
        Assert.Equal(0L, await store.OutboxDepthAsync(CancellationToken.None));
    }
}
