using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>Analyzes this schema's tables while they are young: each time a table's file has doubled since its last ANALYZE
/// (from 8 pages on), so the planner never keeps a plan it chose for an empty table.</summary>
/// <remarks>
/// Npgsql prepares the store's statements, and after five runs PostgreSQL keeps a generic plan until the table's statistics
/// change. On a new database that plan is made for tables of a few rows: measured on the e2e benchmark (20 s, 16 callers),
/// the dedup lookup at every acceptance ran as a sequential scan of all messages and the live feed hashed every message
/// on each call. Autovacuum would analyze them too, but only at its naptime (a minute by default) and then every 10%
/// of growth; an ANALYZE here invalidates those plans within <see cref="Interval"/>. Doubling keeps the count logarithmic
/// (17 ANALYZEs from 8 pages to a million, 8 GB), pages rather than row counts make the check exact and
/// immediate (no statistics collector lag), and a table that only churns (the outbox) does not grow its file.
/// SKIP_LOCKED: a replica already analyzing a table is not waited for. Only tables the node's role owns (or is a member of
/// the owner of): on another's table ANALYZE only warns and changes nothing, so it would be tried again every time.
/// </remarks>
internal sealed partial class PostgresStatistics : IAsyncDisposable
{
    /// <summary>How often the tables' sizes are looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Tables smaller than this are read whole whatever the plan; they are left to autovacuum.</summary>
    public const int MinPages = 8;

    internal static readonly string GrownSql = $"""
        SELECT format('%I', c.relname) FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND pg_has_role(c.relowner, 'USAGE')
          AND pg_relation_size(c.oid) / current_setting('block_size')::bigint >= GREATEST({MinPages}, 2 * GREATEST(c.relpages, 0))
        ORDER BY c.relname
        """;

    private readonly PostgresDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public PostgresStatistics(PostgresDialect dialect, TimeProvider time, ILogger logger, bool run = true)
    {
        _dialect = dialect;
        _time = time;
        _logger = logger;
        _loop = run ? Task.Run(RunAsync, CancellationToken.None) : Task.CompletedTask;
    }

    /// <summary>Analyzes every table of the schema that has doubled since its last ANALYZE; returns their names.</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await _dialect.OpenReaderAsync(cancellationToken);
        var grown = new List<string>();
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = GrownSql;
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grown.Add(reader.GetString(0));
            }
        }

        foreach (var table in grown)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = $"ANALYZE (SKIP_LOCKED) {table}";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
            LogAnalyzed(_logger, table);
        }

        return grown;
    }

    private async Task RunAsync()
    {
        var stop = _stopping.Token;
        var failing = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _time, stop);
                await RefreshAsync(stop);
                failing = false;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database down or refusing: the writer and readers report that themselves; this says it once per spell
                // and keeps looking.
                if (!failing)
                {
                    LogRefreshFailed(_logger, _dialect.Description, e is PostgresException p ? p.SqlState : e.GetType().Name);
                    failing = true;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 2221, Level = LogLevel.Information, Message = "Table {Table} analyzed: its size doubled since the last statistics")]
    private static partial void LogAnalyzed(ILogger logger, string table);

    [LoggerMessage(EventId = 2222, Level = LogLevel.Warning, Message = "Statistics refresh on {Database} failed ({Cause}); retrying")]
    private static partial void LogRefreshFailed(ILogger logger, string database, string cause);
}
