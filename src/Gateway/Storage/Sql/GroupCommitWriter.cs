using System.Data.Common;
using System.Threading.Channels;

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
    private readonly Task _loop;
    private DbConnection? _connection;

    public GroupCommitWriter(Func<DbConnection> openConnection, StoreSignals signals, int maxBatch, ILogger logger)
    {
        _openConnection = openConnection;
        _signals = signals;
        _maxBatch = maxBatch;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>How many transactions and operations have been committed (for the benchmark and metrics).</summary>
    public (long Transactions, long Operations) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _operations));

    private long _transactions;
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
        var succeeded = new List<IWriteOp>(batch.Count);
        try
        {
            _connection ??= _openConnection();
            using var transaction = _connection.BeginTransaction();
            var scope = new WriteScope(_connection, transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                scope.Execute($"SAVEPOINT op{i}");
                try
                {
                    batch[i].Run(scope);
                    scope.Execute($"RELEASE SAVEPOINT op{i}");
                    succeeded.Add(batch[i]);
                }
                catch (Exception e)
                {
                    scope.Execute($"ROLLBACK TO SAVEPOINT op{i}");
                    scope.Execute($"RELEASE SAVEPOINT op{i}");
                    batch[i].Fail(e);
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _operations, succeeded.Count);
            Pulse(scope);
        }
        catch (Exception e)
        {
            LogCommitFailed(_logger, e, batch.Count);
            _connection?.Dispose();
            _connection = null;
            foreach (var op in succeeded)
            {
                op.Fail(e);
            }

            return;
        }

        foreach (var op in succeeded)
        {
            op.Complete();
        }
    }

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
        _connection?.Dispose();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Group commit of {OperationCount} writes failed; none was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int operationCount);

    private interface IWriteOp
    {
        void Run(WriteScope scope);

        void Fail(Exception exception);

        void Complete();
    }

    private sealed class WriteOp<T>(Func<WriteScope, T> work) : IWriteOp
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(WriteScope scope) => _result = work(scope);

        public void Fail(Exception exception) => Completion.TrySetException(exception);

        public void Complete() => Completion.TrySetResult(_result);
    }
}
