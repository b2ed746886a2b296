using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Faults;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The write path's economies never weaken the chain: the head kept in memory and the rows written per commit
/// survive a rolled-back operation, a rolled-back inner savepoint and a failed batch, and a submit costs a few statements.</summary>
public sealed class WriteScopeAuditTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"), "a.db");
    private readonly DateTimeOffset _now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private GroupCommitWriter? _writer;

    public async Task InitializeAsync()
    {
        await using var store = new SqlGatewayStore(new SqliteDialect(_path), 64, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public async Task The_chain_stays_whole_across_a_rolled_back_operation_an_inner_savepoint_and_a_failed_batch()
    {
        var faults = new FaultInjector();
        var dialect = new SqliteDialect(_path);
        _writer = new GroupCommitWriter(dialect.OpenWriter, new StoreSignals(), 256, NullLogger.Instance, faults, dialect);

        using var hold = await WriterHold.StartAsync(_writer, Deadline, s => Append(s, "first"));

        // One batch: a kept entry, an operation that appends then throws, an inner savepoint rolled back, a kept entry.
        var kept = _writer.ExecuteAsync(s => Append(s, "kept"), CancellationToken.None);
        var thrown = _writer.ExecuteAsync<int>(s =>
        {
            Append(s, "rolled-back");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var inner = _writer.ExecuteAsync(s =>
        {
            s.Savepoint("inner");
            Append(s, "inner-rolled-back");
            s.RollbackTo("inner");
            s.Release("inner");
            return Append(s, "after-inner");
        }, CancellationToken.None);
        await Task.WhenAll(hold.Release(), kept, inner).WaitAsync(Deadline);
        await Assert.ThrowsAsync<InvalidOperationException>(() => thrown);

        // A batch whose COMMIT fails keeps nothing; the next batch continues from what the database holds.
        faults.Apply("fail commit 1");
        await Assert.ThrowsAnyAsync<Exception>(() => _writer.ExecuteAsync(s => Append(s, "lost"), CancellationToken.None).WaitAsync(Deadline));
        await _writer.ExecuteAsync(s => Append(s, "last"), CancellationToken.None).WaitAsync(Deadline);

        var (entries, checkpoints) = SqliteAuditReader.Read(_path);
        Assert.Equal(["first", "kept", "after-inner", "last"], entries.Select(e => e.Detail));
        Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.Sequence));
        Assert.True(AuditVerifier.Verify(entries, checkpoints, null!).Intact);
    }

    [Fact]
    public async Task A_submit_costs_a_few_statements_and_its_history_and_audit_rows_are_written_with_it()
    {
        await using var store = new SqlGatewayStore(new SqliteDialect(_path), 64, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var before = store.Counters.WriteStatements;
        var e = Notices.Consultation("few-statements", Party.Kz, _now);
        await store.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), NoticeKinds.Of(e).Name, _now, _ => new Admission(null, [], [])), CancellationToken.None);

        // BEGIN, the dedup read, the message, its outbox entry, then once per commit: the chain's head, the audit rows, the
        // history rows, COMMIT. (Before: 13, with a head read and two single-row inserts per event; then 10, with a savepoint.)
        Assert.True(store.Counters.WriteStatements - before <= 8, $"{store.Counters.WriteStatements - before} statements");
        var record = await store.GetMessageAsync(MessageKeys.Of(e), CancellationToken.None);
        Assert.Equal(Stage.Accepted, Assert.Single(record!.History).Stage);
        var evidence = await store.GetEvidenceAsync(MessageKeys.Of(e), CancellationToken.None);
        var entry = Assert.Single(evidence!.Audit);
        Assert.True(AuditHash.IsIntact(entry));
    }

    private int Append(WriteScope scope, string detail)
    {
        SqlGatewayStore.AppendAudit(scope, "test", "m-1", "node", detail, _now);
        return 0;
    }
}
