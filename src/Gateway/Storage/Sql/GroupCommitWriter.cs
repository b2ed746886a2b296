using System.Data.Common;
using System.Threading.Channels;
using ClassifiedGateway.Gateway.Errors;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Commits every write that arrived meanwhile in one transaction and one fsync.</summary>
/// <remarks>One writer owns one connection. Each operation runs inside its own savepoint, so one that throws is
/// rolled back alone and the rest still commit. A caller's task completes only after COMMIT returned, so nothing
/// is acknowledged before it is durable.</remarks>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<IWriteOp> _queue = Channel.CreateBounded<IWriteOp>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Func<DbConnection> _openConnection;
    private readonly StoreSignals _signals;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly IWriteFaults? _faults;
    private readonly IStoreErrors? _errors;
    private readonly TimeProvider _time;
    private readonly Task _loop;
    private DbConnection? _connection;
    private StatementCache? _statements;
    private DateTimeOffset? _fullSince;
    private DateTimeOffset _lastFull;

    /// <summary>A full disk lets some small writes through (free pages); the episode ends only after this long without a refusal.</summary>
    public static readonly TimeSpan RecoveryQuiet = TimeSpan.FromSeconds(3);

    public GroupCommitWriter(Func<DbConnection> openConnection, StoreSignals signals, int maxBatch, ILogger logger,
        IWriteFaults? faults = null, IStoreErrors? errors = null, TimeProvider? time = null, StoreCounters? counters = null)
    {
        Counters = counters ?? new StoreCounters();
        _openConnection = openConnection;
        _signals = signals;
        _maxBatch = maxBatch;
        _logger = logger;
        _faults = faults;
        _errors = errors;
        _time = time ?? TimeProvider.System;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>How many transactions and operations have been committed (for the benchmark and metrics).</summary>
    public (long Transactions, long Operations) Committed => (Counters.Commits, Interlocked.Read(ref _operations));

    /// <summary>Run first in every batch's transaction, outside the operations' savepoints (PostgreSQL: the advisory lock that
    /// makes writer processes on one database take turns); null for none.</summary>
    public string? BatchPrologue { get; init; }

    /// <summary>Run last in a batch's transaction, before COMMIT, with @what naming what changed ("o", "i", "h"), when anything
    /// did (PostgreSQL: NOTIFY, so other replicas' loops wake); null for none.</summary>
    public string? ChangeNotice { get; init; }

    /// <summary>Statements sent on the writer connection and commits.</summary>
    public StoreCounters Counters { get; }

    /// <summary>Since when writes are refused for lack of space (null while they are not).</summary>
    public DateTimeOffset? StorageFullSince => _fullSince;

    private long _operations;

    public async Task<T> ExecuteAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken)
    {
        var op = new WriteOp<T>(work);
        await _queue.Writer.WriteAsync(op, cancellationToken);

        // Once queued the write goes ahead even if the caller gives up: retries are idempotent by message id.
        return await op.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<IWriteOp>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var op))
            {
                batch.Add(op);
            }

            CommitBatch(batch);
        }
    }

    /// <remarks>Every operation of the batch is answered whatever fails: its own error when it threw inside its savepoint
    /// (nothing of it is kept), the batch's error when the writer's own statements (open, BEGIN, SAVEPOINT, RELEASE,
    /// ROLLBACK TO, COMMIT) failed, success only after COMMIT returned.</remarks>
    private void CommitBatch(List<IWriteOp> batch)
    {
        var own = new Exception?[batch.Count];
        try
        {
            using var transaction = Begin(out var scope);
            for (var i = 0; i < batch.Count; i++)
            {
                // One name for every operation's savepoint: each is released before the next, and one text is one prepared statement.
                _faults?.Before(WriteStep.Savepoint, _connection);
                scope.Savepoint("op");
                try
                {
                    batch[i].Run(scope);
                }
                catch (Exception e)
                {
                    own[i] = Translate(e);
                    _faults?.Before(WriteStep.RollbackTo, _connection);
                    scope.RollbackTo("op");
                }

                _faults?.Before(WriteStep.Release, _connection);
                scope.Release("op");
            }

            scope.Flush();
            if (ChangeNotice is { } notice && Changes(scope) is { Length: > 0 } what)
            {
                scope.Execute(notice, ("@what", what));
            }

            _faults?.Before(WriteStep.Commit, _connection);
            Counters.Wrote();
            transaction.Commit();
            Counters.Committed();
            Interlocked.Add(ref _operations, own.Count(e => e is null));
            Pulse(scope);
        }
        catch (Exception e)
        {
            // SQLite may roll the whole transaction back on SQLITE_FULL; the ROLLBACK TO that then fails is part of the same episode.
            var failure = own.Any(o => o is StorageFullException) && e is not StorageFullException ? new StorageFullException(e) : Translate(e);
            ReportBatchFailure(failure, e, batch.Count);
            ResetConnection();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Fail(own[i] ?? failure);
            }

            return;
        }

        if (own.Any(e => e is StorageFullException))
        {
            NoteStorageFull();
        }
        else if (_fullSince is { } since && _time.GetUtcNow() - _lastFull >= RecoveryQuiet)
        {
            _fullSince = null;
            LogStorageRecovered(_logger, (_time.GetUtcNow() - since).TotalSeconds);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (own[i] is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Complete();
            }
        }
    }

    /// <summary>Opens the connection if needed, begins the batch's transaction and runs the prologue. A connection that broke while
    /// idle (the database restarted, its session was terminated) fails here, before any operation ran: it is replaced once and
    /// the batch goes on, so one dead session costs no caller an error.</summary>
    private DbTransaction Begin(out WriteScope scope)
    {
        var reused = _connection is not null;
        try
        {
            return BeginOnce(out scope);
        }
        catch (Exception e) when (reused && _errors?.IsUnavailable(e) == true)
        {
            LogReconnecting(_logger, e.GetType().Name);
            ResetConnection();
            return BeginOnce(out scope);
        }
    }

    /// <summary>A database that cannot be reached, refuses the login or has no room for another session is unavailable, not a
    /// fault of the batch's requests: they are answered UNAVAILABLE (retry), never INTERNAL. A full disk stays storage full.</summary>
    private DbConnection Open()
    {
        try
        {
            return _openConnection();
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException && _errors?.IsStorageFull(e) != true)
        {
            throw new StoreUnavailableException(e);
        }
    }

    private DbTransaction BeginOnce(out WriteScope scope)
    {
        _faults?.Before(WriteStep.Open, _connection);
        _connection ??= Open();
        _statements ??= new StatementCache(_connection);
        _faults?.Before(WriteStep.Begin, _connection);
        Counters.Wrote();
        var transaction = _connection.BeginTransaction();
        scope = new WriteScope(_statements, transaction, Counters);
        if (BatchPrologue is { } prologue)
        {
            try
            {
                scope.Execute(prologue);
            }
            catch
            {
                DisposeQuietly(transaction);
                throw;
            }
        }

        return transaction;
    }

    private static string Changes(WriteScope scope) =>
        (scope.OutboxChanged ? "o" : "") + (scope.InboxChanged ? "i" : "") + (scope.HistoryChanged ? "h" : "");

    private void Pulse(WriteScope scope)
    {
        if (scope.OutboxChanged)
        {
            _signals.Outbox.Pulse();
        }

        if (scope.InboxChanged)
        {
            _signals.Inbox.Pulse();
        }

        if (scope.HistoryChanged)
        {
            _signals.Changes.Pulse();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _statements?.Dispose();
        _connection?.Dispose();
    }
}
