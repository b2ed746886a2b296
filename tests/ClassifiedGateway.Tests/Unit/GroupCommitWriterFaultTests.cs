using System.Data.Common;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Faults;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>A group commit whose own statements fail answers every caller in the batch, keeps none of it, and the next batch works.</summary>
public sealed class GroupCommitWriterFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"), "w.db");
    private readonly NextBatchFault _fault = new();
    private readonly CountingLogger _log = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private GroupCommitWriter _writer = null!;
    private FaultInjector? _injector;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(IWriteFaults faults)
    {
        var dialect = new SqliteDialect(_path);
        _writer = new GroupCommitWriter(dialect.OpenWriter, new StoreSignals(), 256, _log, faults, dialect, _time);
        await _writer.ExecuteAsync(s => s.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NULL)"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Theory]
    [InlineData(WriteStep.Open)]
    [InlineData(WriteStep.Begin)]
    [InlineData(WriteStep.Savepoint)]
    [InlineData(WriteStep.Release)]
    [InlineData(WriteStep.RollbackTo)]
    [InlineData(WriteStep.Commit)]
    public async Task A_failing_writer_statement_fails_every_operation_of_the_batch_and_the_next_batch_commits(WriteStep step)
    {
        await StartAsync(_fault);
        using var hold = await WriterHold.StartAsync(_writer, Deadline, s => s.Execute("INSERT INTO t (id) VALUES (0)"));

        // The batch queued behind the held write: good writes around one that throws (so ROLLBACK TO runs too).
        _fault.FailInNextBatch(step);
        var good = Enumerable.Range(1, 20).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        var bad = _writer.ExecuteAsync<int>(_ => throw new InvalidOperationException("the operation's own failure"), CancellationToken.None);
        var more = Enumerable.Range(21, 20).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        await hold.Release().WaitAsync(Deadline);

        var batch = good.Concat(more).Cast<Task>().Append(bad).ToList();
        var all = Task.WhenAll(batch);
        await Assert.ThrowsAnyAsync<Exception>(() => all.WaitAsync(Deadline));
        Assert.All(batch, t => Assert.True(t.IsFaulted, "every operation of the failed batch is answered with an error"));
        Assert.True(_fault.Fired, $"the {step} fault fired");
        Assert.Equal(1L, await CountAsync());

        var after = await _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (100)"), CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(1, after);
        Assert.Equal(2L, await CountAsync());
    }

    [Fact]
    public async Task A_failing_rollback_before_the_isolated_run_reopens_the_connection_and_the_good_writes_still_commit()
    {
        _injector = new FaultInjector();
        await StartAsync(_injector);
        using var hold = await WriterHold.StartAsync(_writer, Deadline, s => s.Execute("INSERT INTO t (id) VALUES (0)"));

        _injector.Apply("fail abort 1");
        var good = Enumerable.Range(1, 5).Select(i => _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id) VALUES (@id)", ("@id", i)), CancellationToken.None)).ToList();
        var bad = _writer.ExecuteAsync<int>(_ => throw new InvalidOperationException("the operation's own failure"), CancellationToken.None);
        await hold.Release().WaitAsync(Deadline);
        await Task.WhenAll(good).WaitAsync(Deadline);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Deadline));
        Assert.Equal(6L, await CountAsync());
        Assert.Equal(0, _log.Count(2001));
    }

    [Fact]
    public async Task Storage_full_answers_StorageFullException_logs_once_per_episode_and_recovers_when_space_returns()
    {
        _injector = new FaultInjector();
        await StartAsync(_injector);
        await _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id, payload) VALUES (1, zeroblob(1000))"), CancellationToken.None);
        _injector.Apply("disk-full");

        for (var i = 0; i < 5; i++)
        {
            var id = 10 + i;
            await Assert.ThrowsAsync<StorageFullException>(() =>
                _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id, payload) VALUES (@id, zeroblob(200000))", ("@id", id)), CancellationToken.None).WaitAsync(Deadline));
        }

        Assert.Equal(1, _log.Count(2002));
        Assert.Equal(0, _log.Count(2001));
        Assert.Equal(1L, await CountAsync());

        _injector.Apply("disk-free");
        await _writer.ExecuteAsync(s => s.Execute("INSERT INTO t (id, payload) VALUES (99, zeroblob(200000))"), CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(2L, await CountAsync());

        // Small writes get through a full disk now and then: the episode ends only after a quiet spell without refusals.
        Assert.Equal(0, _log.Count(2003));
        _time.Advance(GroupCommitWriter.RecoveryQuiet);
        Assert.Equal(2L, await CountAsync());
        Assert.Equal(1, _log.Count(2003));
        Assert.Equal(1, _log.Count(2002));
    }

    private Task<long> CountAsync() =>
        _writer.ExecuteAsync(s => Convert.ToInt64(s.Scalar("SELECT COUNT(*) FROM t"), System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

    /// <summary>Fails one statement of the batch that starts after it is armed.</summary>
    private sealed class NextBatchFault : IWriteFaults
    {
        private WriteStep? _pending;
        private WriteStep? _active;

        public bool Fired { get; private set; }

        public void FailInNextBatch(WriteStep step) => _pending = step;

        public void Before(WriteStep step, DbConnection? connection)
        {
            if (step == WriteStep.Open && _pending is { } armed)
            {
                (_active, _pending) = (armed, null);
            }

            if (_active == step)
            {
                _active = null;
                Fired = true;
                throw new InvalidOperationException($"injected {step} failure");
            }
        }

        public void BeforeAdmission(string messageId)
        {
        }
    }

    private sealed class CountingLogger : ILogger
    {
        private readonly List<int> _events = [];

        public int Count(int eventId)
        {
            lock (_events)
            {
                return _events.Count(e => e == eventId);
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_events)
            {
                _events.Add(eventId.Id);
            }
        }
    }
}
