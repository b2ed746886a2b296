using System.Data.Common;
using System.Threading.Channels;
using ClassifiedGateway.Gateway.Errors;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Commits every write that arrived meanwhile in one transaction and one fsync.</summary>
/// <remarks>One writer owns one connection. A batch first runs whole: its operations one after the other, no savepoint
/// between them. When one of them throws, the whole transaction is rolled back and the batch runs again isolated, each
/// operation inside its own savepoint, so the one that throws is rolled back alone and the rest still commit (operations
/// are functions of what the database holds, so running one twice is safe). A caller's task completes only after COMMIT
/// returned, so nothing is acknowledged before it is durable.</remarks>
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

    private void CommitBatch(List<IWriteOp> batch)
    {
        if (!TryCommitWhole(batch))
        {
            CommitIsolated(batch);
        }
    }

    /// <summary>The common case, no operation throws: BEGIN, the operations, the batch's history and audit rows, COMMIT.
    /// A savepoint per operation cost two statements each and, worse, a copy of every page the operation touched into
    /// SQLite's statement journal (PostgreSQL: a subtransaction each).</summary>
    /// <returns>False when an operation threw: everything is rolled back, nobody is answered yet, and the batch must run
    /// isolated. True when the batch is answered: committed, or failed by the writer's own statements (open, BEGIN, COMMIT).</returns>
    private bool TryCommitWhole(List<IWriteOp> batch)
    {
        var none = new Exception?[batch.Count];
        DbTransaction? transaction = null;
        try
        {
            transaction = Begin(isolated: false, out var scope);
            foreach (var op in batch)
            {
                try
                {
                    op.Run(scope);
                }
                catch (Exception)
                {
                    // Its own error (or a rule that needs a savepoint) is for the isolated run to tell; nothing is answered here.
                    RollBackWhole(transaction);
                    return false;
                }
            }

            Finish(scope, transaction);
        }
        catch (Exception e)
        {
            FailBatch(batch, none, e);
            return true;
        }
        finally
        {
            if (transaction is not null)
            {
                DisposeQuietly(transaction);
            }
        }

        Answer(batch, none);
        return true;
    }

    /// <summary>Rolls the whole batch back before it runs again isolated. A ROLLBACK that fails (the engine already rolled back
    /// on a full disk, or the connection broke) leaves nothing of the batch either: the connection is replaced and the
    /// isolated run opens a new one.</summary>
    private void RollBackWhole(DbTransaction transaction)
    {
        try
        {
            _faults?.Before(WriteStep.Rollback, _connection);
            Counters.Wrote();
            transaction.Rollback();
        }
        catch (Exception e)
        {
            LogRollbackFailed(_logger, e.GetType().Name);
            ResetConnection();
        }
    }

    /// <remarks>Every operation of the batch is answered whatever fails: its own error when it threw inside its savepoint
    /// (nothing of it is kept), the batch's error when the writer's own statements (open, BEGIN, SAVEPOINT, RELEASE,
    /// ROLLBACK TO, COMMIT) failed, success only after COMMIT returned.</remarks>
    private void CommitIsolated(List<IWriteOp> batch)
    {
        var own = new Exception?[batch.Count];
        try
        {
            using var transaction = Begin(isolated: true, out var scope);
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

            Finish(scope, transaction);
        }
        catch (Exception e)
        {
            FailBatch(batch, own, e);
            return;
        }

        Answer(batch, own);
    }

    /// <summary>The batch's buffered rows, the change notice, COMMIT; then the counters and the signals.</summary>
    private void Finish(WriteScope scope, DbTransaction transaction)
    {
        scope.Flush();
        if (ChangeNotice is { } notice && Changes(scope) is { Length: > 0 } what)
        {
            scope.Write(notice, ("@what", what));
        }

        scope.SendWrites();

        _faults?.Before(WriteStep.Commit, _connection);
        Counters.Wrote();
        transaction.Commit();
        Counters.Committed();
        Pulse(scope);
    }

    /// <summary>A batch the writer's own statements failed: every operation gets its own error or the batch's, nothing is kept.</summary>
    private void FailBatch(List<IWriteOp> batch, Exception?[] own, Exception e)
    {
        // SQLite may roll the whole transaction back on SQLITE_FULL; the ROLLBACK TO that then fails is part of the same episode.
        var failure = own.Any(o => o is StorageFullException) && e is not StorageFullException ? new StorageFullException(e) : Translate(e);
        ReportBatchFailure(failure, e, batch.Count);
        ResetConnection();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Fail(own[i] ?? failure);
        }
    }

    /// <summary>A committed batch: each operation its result or its own error; the storage-full episode noted or ended.</summary>
    private void Answer(List<IWriteOp> batch, Exception?[] own)
    {
        Interlocked.Add(ref _operations, own.Count(e => e is null));
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
    private DbTransaction Begin(bool isolated, out WriteScope scope)
    {
        var reused = _connection is not null;
        try
        {
            return BeginOnce(isolated, out scope);
        }
        catch (Exception e) when (reused && _errors?.IsUnavailable(e) == true)
        {
            LogReconnecting(_logger, e.GetType().Name);
            ResetConnection();
            return BeginOnce(isolated, out scope);
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

    private DbTransaction BeginOnce(bool isolated, out WriteScope scope)
    {
        _faults?.Before(WriteStep.Open, _connection);
        _connection ??= Open();
        _statements ??= new StatementCache(_connection);
        _faults?.Before(WriteStep.Begin, _connection);
        Counters.Wrote();
        var transaction = _connection.BeginTransaction();
        scope = new WriteScope(_statements, transaction, Counters, isolated);
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
