using System.Data.Common;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The gateway store over ADO.NET: portable SQL, one group-committing writer, pooled readers.</summary>
internal sealed partial class SqlGatewayStore : IGatewayStore, IAsyncDisposable
{
    private readonly ISqlDialect _dialect;
    private readonly GroupCommitWriter _writer;
    private readonly ReaderSessions _readers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IWriteFaults? _faults;

    public SqlGatewayStore(ISqlDialect dialect, int maxGroupCommit, TimeProvider time, ILogger<SqlGatewayStore> logger, IWriteFaults? faults = null,
        StoreCounters? counters = null)
    {
        Counters = counters ?? new StoreCounters();
        _dialect = dialect;
        _readers = new ReaderSessions(dialect);
        _time = time;
        _logger = logger;
        _faults = faults;
        _writer = new GroupCommitWriter(dialect.OpenWriter, Signals, maxGroupCommit, logger, faults, dialect as IStoreErrors, time, Counters)
        {
            BatchPrologue = dialect.WriterBatchPrologue,
            ChangeNotice = dialect.ChangeNotice,
        };
    }

    /// <summary>Statements on the writer and readers, and commits (for /metrics and the benchmarks).</summary>
    public StoreCounters Counters { get; }

    public StoreSignals Signals { get; } = new();

    /// <summary>Committed transactions and operations so far (group commit effectiveness).</summary>
    public (long Transactions, long Operations) Committed => _writer.Committed;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writer.ExecuteAsync(scope =>
        {
            scope.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            return 0;
        }, cancellationToken);

        foreach (var (version, sql) in _dialect.Migrations)
        {
            // Each migration is its own write: it and its version row commit together or not at all.
            await _writer.ExecuteAsync(scope =>
            {
                if (scope.Scalar("SELECT version FROM schema_version WHERE version = @v", ("@v", version)) is not null)
                {
                    return 0;
                }

                scope.Execute(sql);
                scope.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)",
                    ("@v", version), ("@at", Times.ToUnixMs(_time.GetUtcNow())));
                return 1;
            }, cancellationToken);
        }

        // After the migrations: the listener's session needs the schema, and a replica that starts later hears from this one.
        _listener ??= _dialect.ListenForChanges(Signals, _logger);
        _statistics ??= _dialect.KeepStatistics(_time, _logger);
    }

    /// <summary>What hears other replicas' commits once the store is initialized (PostgreSQL), or null.</summary>
    internal IAsyncDisposable? ChangeListener => _listener;

    private IAsyncDisposable? _listener;

    private IAsyncDisposable? _statistics;

    public async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT COUNT(*) FROM schema_version", r => r.GetInt64(0), cancellationToken)).Count > 0;

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_statistics is not null)
        {
            await _statistics.DisposeAsync();
        }

        await _writer.DisposeAsync();
        await _readers.DisposeAsync();
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        try
        {
            return await QueryOnceAsync(sql, map, parameters, cancellationToken);
        }
        catch (StaleReaderException e)
        {
            // A pooled session the server ended meanwhile (restart, terminated): reads change nothing, so once more on a new one.
            LogStaleReader(_logger, e.InnerException!.GetType().Name);
            try
            {
                return await QueryOnceAsync(sql, map, parameters, cancellationToken);
            }
            catch (StaleReaderException again)
            {
                throw new Errors.StoreUnavailableException(again.InnerException!);
            }
        }
    }

    private async Task<List<T>> QueryOnceAsync<T>(string sql, Func<DbDataReader, T> map, (string Name, object? Value)[] parameters,
        CancellationToken cancellationToken)
    {
        var opened = false;
        try
        {
            Counters.Read();
            await using var session = await _readers.RentAsync(cancellationToken);
            opened = true;
            return await session.QueryAsync(sql, parameters, map, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && _dialect is IStoreErrors errors && errors.IsUnavailable(e))
        {
            throw opened ? new StaleReaderException(e) : new Errors.StoreUnavailableException(e);
        }
        catch (Exception e) when (!opened && e is DbException or TimeoutException)
        {
            // The database refused the session (login, no such database): unavailable to this replica, not the request's fault.
            throw new Errors.StoreUnavailableException(e);
        }
    }

    /// <summary>A read that failed on a session that was open: possibly one the server ended while it sat in the pool.</summary>
    private sealed class StaleReaderException(Exception inner) : Exception("stale reader session", inner);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "A pooled reader session had ended ({ErrorType}); the read was run again on a new one")]
    private static partial void LogStaleReader(ILogger logger, string errorType);
}
