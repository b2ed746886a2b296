using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>Group commit isolation, and quarantine of stored bytes that rotted.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task A_write_that_fails_inside_a_group_commit_is_rolled_back_alone_and_the_rest_commit_together()
    {
        var store = await OpenAsync();
        using var gate = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        var blocker = store.ReadLedgerAsync(_ =>
        {
            entered.Release();
            return gate.Wait(TimeSpan.FromSeconds(30));
        }, CancellationToken.None);
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        var before = store.Committed.Transactions;

        var good1 = SubmitAsync(store, Kz("batch-1"));
        var bad = store.SubmitAsync(new SubmitCommand(Kz("batch-2"), Kz("batch-2").ToByteArray(), "ConsultationRequest", Now,
            _ => throw new InvalidOperationException("rules crashed")), CancellationToken.None);
        var good3 = SubmitAsync(store, Kz("batch-3"));
        gate.Set();

        Assert.True(await blocker);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(Stage.Accepted, (await good1).Stage);
        Assert.Equal(Stage.Accepted, (await good3).Stage);
        // The blocker's transaction, then one for the three writes queued behind it.
        Assert.Equal(before + 2, store.Committed.Transactions);
        Assert.Empty(await store.FindMessagesAsync(new MessageRef("batch-2"), CancellationToken.None));
        Assert.Equal(["batch-1", "batch-3"], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.MessageId));
        var (entries, _) = await StoreAuditReader.ReadAsync(Dialect, CancellationToken.None);
        Assert.DoesNotContain(entries, e => e.MessageId.EndsWith("/batch-2", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task Rows_a_failing_write_inserted_before_it_threw_are_rolled_back_with_it()
    {
        await OpenAsync();
        await using var writer = new GroupCommitWriter(Dialect.OpenWriter, new StoreSignals(), 64, NullLogger.Instance);
        await writer.ExecuteAsync(s => s.Execute("CREATE TABLE contract_rows (id BIGINT PRIMARY KEY)"), CancellationToken.None);
        using var gate = new ManualResetEventSlim();
        var blocker = writer.ExecuteAsync(_ => gate.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        var good1 = writer.ExecuteAsync(s => s.Execute("INSERT INTO contract_rows (id) VALUES (1)"), CancellationToken.None);
        var bad = writer.ExecuteAsync<int>(s =>
        {
            s.Execute("INSERT INTO contract_rows (id) VALUES (2)");
            // A statement the engine refuses (duplicate key): on PostgreSQL it aborts the transaction until the savepoint is rolled back.
            return s.Execute("INSERT INTO contract_rows (id) VALUES (1)");
        }, CancellationToken.None);
        var good3 = writer.ExecuteAsync(s => s.Execute("INSERT INTO contract_rows (id) VALUES (3)"), CancellationToken.None);
        gate.Set();

        await Task.WhenAll(blocker, good1, good3);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        var ids = await IdsAsync(writer, "contract_rows");
        Assert.Equal([1L, 3L], ids);
    }

    [SkippableFact]
    public async Task Queued_writes_are_sent_before_a_read_and_a_failing_one_fails_only_its_own_operation()
    {
        await OpenAsync();
        await using var writer = new GroupCommitWriter(Dialect.OpenWriter, new StoreSignals(), 64, NullLogger.Instance);
        await writer.ExecuteAsync(s => s.Execute("CREATE TABLE queued_rows (id BIGINT PRIMARY KEY)"), CancellationToken.None);
        using var gate = new ManualResetEventSlim();
        var blocker = writer.ExecuteAsync(_ => gate.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        // Queued writes, then a read in the same operation: it sees them (on PostgreSQL they went in one batch before it).
        var seen = writer.ExecuteAsync(s =>
        {
            s.Write("INSERT INTO queued_rows (id) VALUES (1)");
            s.Write("INSERT INTO queued_rows (id) VALUES (2)");
            return Convert.ToInt64(s.Scalar("SELECT COUNT(*) FROM queued_rows"), System.Globalization.CultureInfo.InvariantCulture);
        }, CancellationToken.None);
        // Only queued writes, the last refused by the engine (duplicate key) when the operation ends and they are sent.
        var bad = writer.ExecuteAsync(s =>
        {
            s.Write("INSERT INTO queued_rows (id) VALUES (10)");
            s.Write("INSERT INTO queued_rows (id) VALUES (11)");
            s.Write("INSERT INTO queued_rows (id) VALUES (1)");
            return 0;
        }, CancellationToken.None);
        // Queued, then the operation throws before they are sent: nothing of it is kept.
        var thrown = writer.ExecuteAsync<int>(s =>
        {
            s.Write("INSERT INTO queued_rows (id) VALUES (20)");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var good = writer.ExecuteAsync(s =>
        {
            s.Write("INSERT INTO queued_rows (id) VALUES (3)");
            s.Write("INSERT INTO queued_rows (id) VALUES (4)");
            return 0;
        }, CancellationToken.None);
        gate.Set();

        await Task.WhenAll(blocker, seen, good);
        Assert.Equal(2L, await seen);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        await Assert.ThrowsAsync<InvalidOperationException>(() => thrown);
        var ids = await IdsAsync(writer, "queued_rows");
        Assert.Equal([1L, 2L, 3L, 4L], ids);
    }

    [SkippableFact]
    public async Task A_stored_envelope_that_rotted_is_quarantined_never_served_and_does_not_block_what_follows()
    {
        var store = await OpenAsync();
        var (rotten, next) = (Tm("rot-1"), Tm("rot-2"));
        await store.StoreRelayedAsync([Relayed(1, rotten), Relayed(2, next)], Now, CancellationToken.None);
        var outbound = Kz("rot-out");
        await SubmitAsync(store, outbound);
        await SubmitAsync(store, Kz("rot-out-next"));

        await RawAsync("UPDATE messages SET envelope = @bytes WHERE key IN (@a, @b)", ("@bytes", new byte[] { 1, 2, 3 }), ("@a", Key(rotten)), ("@b", Key(outbound)));

        Assert.Equal(new[] { Key(outbound), Key(rotten) }.Order(StringComparer.Ordinal),
            (await StoreVerifier.VerifyAsync(Dialect, CancellationToken.None)).Select(b => b.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal([Key(next)], (await store.ReadInboxAsync(0, null, 10, CancellationToken.None)).Select(i => i.Key));
        Assert.Equal(["rot-out-next"], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.MessageId));
        foreach (var key in new[] { Key(rotten), Key(outbound) })
        {
            var record = (await store.GetMessageAsync(key, CancellationToken.None))!;
            Assert.Equal((Stage.Failed, "QUARANTINED"), (record.Stage, record.Refusal.RuleId));
            Assert.Single(record.History, h => h.EventKind == EventKind.Alarm);
        }

        await Assert.ThrowsAsync<Gateway.Errors.RuleRefusalException>(() => store.GetEvidenceAsync(Key(rotten), CancellationToken.None));
        // Read again: already quarantined, nothing is recorded twice.
        await store.ReadInboxAsync(0, null, 10, CancellationToken.None);
        Assert.Single((await store.GetMessageAsync(Key(rotten), CancellationToken.None))!.History, h => h.EventKind == EventKind.Alarm);
    }

    /// <summary>The ids in a test table, in order, read through the writer.</summary>
    private static Task<List<long>> IdsAsync(GroupCommitWriter writer, string table) =>
        writer.ExecuteAsync(s =>
        {
            using var r = s.Reader($"SELECT id FROM {table} ORDER BY id");
            var list = new List<long>();
            while (r.Read())
            {
                list.Add(r.GetInt64(0));
            }

            return list;
        }, CancellationToken.None);
}
