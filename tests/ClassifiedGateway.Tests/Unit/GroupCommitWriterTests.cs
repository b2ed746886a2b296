using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.Unit;

public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"), "w.db");
    private GroupCommitWriter _writer = null!;

    public async Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(new SqliteDialect(_path).OpenWriter, new StoreSignals(), 256, NullLogger.Instance);
        await _writer.ExecuteAsync(s => s.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public async Task Writes_that_arrive_while_one_commits_share_the_next_transaction()
    {
        using var hold = await WriterHold.StartAsync(_writer, Deadline, s => s.Execute("INSERT INTO t (id) VALUES (0)"));
        var before = _writer.Committed.Transactions;
        var writes = Enumerable.Range(1, 100).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        await hold.Release();
        await Task.WhenAll(writes);

        // One transaction for the blocked write, one for the hundred queued behind it.
        Assert.Equal(before + 2, _writer.Committed.Transactions);
        Assert.Equal(101L, await _writer.ExecuteAsync(s => Convert.ToInt64(s.Scalar("SELECT COUNT(*) FROM t"), System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone()
    {
        using var hold = await WriterHold.StartAsync(_writer, Deadline);
        var good1 = _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (1)"), CancellationToken.None);
        var bad = _writer.ExecuteAsync<int>(s =>
        {
            s.Execute("INSERT INTO t (id) VALUES (2)");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var good3 = _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (3)"), CancellationToken.None);
        await hold.Release();
        await Task.WhenAll(good1, good3);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        var ids = await _writer.ExecuteAsync(s =>
        {
            using var r = s.Reader("SELECT id FROM t ORDER BY id");
            var list = new List<long>();
            while (r.Read())
            {
                list.Add(r.GetInt64(0));
            }

            return list;
        }, CancellationToken.None);
        Assert.Equal([1L, 3L], ids);
    }

    [Fact]
    public async Task Counters_count_every_statement_the_writer_sends_and_each_commit()
    {
        var before = (_writer.Counters.WriteStatements, _writer.Counters.Commits);
        await _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (7)"), CancellationToken.None);

        // BEGIN, the insert, COMMIT: a batch in which nothing throws runs whole, with no savepoint.
        Assert.Equal(before.WriteStatements + 3, _writer.Counters.WriteStatements);
        Assert.Equal(before.Commits + 1, _writer.Counters.Commits);
    }

    [Fact]
    public async Task A_batch_with_a_failing_write_runs_again_isolated_in_one_transaction_and_keeps_each_good_write_once()
    {
        using var hold = await WriterHold.StartAsync(_writer, Deadline);
        var before = (_writer.Committed.Transactions, _writer.Counters.WriteStatements);
        var runs = new List<bool>();
        var good = Enumerable.Range(1, 10).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        var bad = _writer.ExecuteAsync<int>(s =>
        {
            lock (runs)
            {
                runs.Add(s.Isolated);
            }

            s.Execute("INSERT INTO t (id) VALUES (100)");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var after = Enumerable.Range(11, 10).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        await hold.Release();
        await Task.WhenAll(good.Concat(after));

        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        // The whole run stopped at the failing write and rolled back; the isolated run kept the twenty and dropped it alone.
        Assert.Equal([false, true], runs);
        // The blocked write's transaction and one for the batch: the rolled-back whole run commits nothing.
        Assert.Equal(before.Transactions + 2, _writer.Committed.Transactions);
        // The blocked write's COMMIT (1). Whole run: BEGIN, 10 inserts, the failing insert, ROLLBACK (13). Isolated: BEGIN,
        // 21 × (SAVEPOINT, RELEASE), 20 inserts, the failing insert, its ROLLBACK TO, COMMIT (66).
        Assert.Equal(before.WriteStatements + 1 + 13 + 66, _writer.Counters.WriteStatements);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await IdsAsync());
    }

    [Fact]
    public async Task A_write_that_rolls_back_to_its_own_savepoint_makes_the_batch_run_isolated_with_the_same_result()
    {
        var kept = await _writer.ExecuteAsync(s =>
        {
            s.Execute("INSERT INTO t (id) VALUES (1)");
            s.Savepoint("inner");
            s.Execute("INSERT INTO t (id) VALUES (2)");
            s.RollbackTo("inner");
            s.Release("inner");
            return s.Execute("INSERT INTO t (id) VALUES (3)");
        }, CancellationToken.None);

        Assert.Equal(1, kept);
        Assert.Equal([1L, 3L], await IdsAsync());
    }

    private Task<List<long>> IdsAsync() => _writer.ExecuteAsync(s =>
    {
        using var r = s.Reader("SELECT id FROM t ORDER BY id");
        var list = new List<long>();
        while (r.Read())
        {
            list.Add(r.GetInt64(0));
        }

        return list;
    }, CancellationToken.None);
}
