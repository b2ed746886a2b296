using System.Data.Common;
using ClassifiedGateway.Gateway.Storage.Sql;
using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>PostgreSQL through Npgsql: one pooled data source; the writer's sessions run with synchronous_commit on, on a
/// server that keeps fsync and full_page_writes on, so a COMMIT that returned survives a crash of the server or its host.</summary>
internal sealed class PostgresDialect : ISqlDialect, IStoreErrors, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "classified-gateway";
        }

        // The store runs a small fixed set of statements thousands of times: unprepared, the server parsed and planned every one
        // (its parser and planner led the server's profile at ~100 notices/s). Npgsql prepares a text after its second use and
        // keeps it per physical session, pooled ones included. An operator's own setting in the connection string wins.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        // A pooled connection handed back was reset by seven statements on the server (RESET ALL, UNLISTEN *, advisory
        // unlock, ...) sent ahead of its next use: 1.3 times per notice at the sending node, all for state the store never
        // leaves on a pooled session (session locks, LISTEN and session settings live on the unpooled sessions of
        // CreateSessionSource; the writer's synchronous_commit only makes a later user stricter). An operator's setting wins.
        if (!NamesSetting(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        _connectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        Description = Describe(builder);
    }

    /// <summary>Whether the operator's connection string sets this keyword (under any of its spellings), whatever the value.</summary>
    private static bool NamesSetting(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }

    /// <summary>Whether a host named is a unix socket's folder (Npgsql: a path, or "@" for the abstract namespace), where TCP
    /// options cannot be set (Npgsql fails the connection).</summary>
    internal static bool NamesUnixSocket(string? hosts) =>
        !string.IsNullOrWhiteSpace(hosts)
        && hosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(h => h[0] is '/' or '@');

    internal const int KeepAliveIdleSeconds = 10;
    internal const int KeepAliveIntervalSeconds = 5;

    /// <summary>Statements Npgsql keeps prepared per session: above the store's distinct texts, so none is evicted in turn.</summary>
    internal const int AutoPreparedStatements = 200;

    public IReadOnlyList<(int Version, string Sql)> Migrations => PostgresMigrations.All;

    /// <summary>Replicas of one node on one database commit one at a time: each group commit waits here for the others' COMMIT
    /// before it reads the audit head, a counter or a duplicate, and takes its identity values (outbox, history) and inbox
    /// cursors only after, so they follow commit order and a reader paging by them never skips a row committed late with a
    /// lower number. The lock is released by COMMIT or ROLLBACK, after the commit became visible.</summary>
    public string? WriterBatchPrologue { get; } = $"SELECT pg_advisory_xact_lock({PostgresLocks.Writer}, {PostgresLocks.SchemaKey})";

    public string Description { get; }

    /// <summary>NOTIFY inside the committing transaction: delivered to listeners when, and only if, the batch commits. The
    /// channel is per schema (see <see cref="PostgresChangeListener"/>).</summary>
    public string? ChangeNotice { get; } = $"SELECT pg_notify({PostgresChangeListener.ChannelOfSchema}, @what)";

    public IAsyncDisposable? ListenForChanges(StoreSignals signals, ILogger logger) => new PostgresChangeListener(this, signals, logger);

    public IAsyncDisposable? KeepStatistics(TimeProvider time, ILogger logger) => new PostgresStatistics(this, time, logger);

    /// <summary>An array parameter (text[] or bigint[]): <c>= ANY</c> is an index condition, as a literal IN list is.</summary>
    public string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public object ListOf(IReadOnlyCollection<string> values) => values.ToArray();

    public object ListOf(IReadOnlyCollection<long> values) => values.ToArray();

    /// <summary>The writer session's backend process: its own notices come back to its own listener and are skipped there.</summary>
    internal int WriterProcessId => Volatile.Read(ref _writerProcessId);

    private int _writerProcessId;

    /// <summary>A source of long-lived sessions of their own (the relay lease, the change listener): unpooled, so a session
    /// that ends takes its advisory lock or LISTEN with it; TCP keepalives on, so a server that vanished is noticed.</summary>
    /// <remarks>The keepalive's own timing, not the operating system's (Linux: first probe after 2 h): a standby waits inside
    /// <c>pg_advisory_lock</c> with no statement of its own to fail, so over a link that died silently it would wait that long
    /// before it could take the lease. First probe after <see cref="KeepAliveIdleSeconds"/> s of silence, then every
    /// <see cref="KeepAliveIntervalSeconds"/> s: with Linux's 9 probes a dead link is noticed within about a minute. An
    /// operator's own "Tcp Keepalive Time" in the connection string wins. Not on a unix socket (no TCP there).</remarks>
    internal NpgsqlDataSource CreateSessionSource(string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, TcpKeepAlive = true };
        if (builder.TcpKeepAliveTime == 0 && !NamesUnixSocket(builder.Host))
        {
            (builder.TcpKeepAliveTime, builder.TcpKeepAliveInterval) = (KeepAliveIdleSeconds, KeepAliveIntervalSeconds);
        }

        builder.ApplicationName = $"{builder.ApplicationName} {purpose}";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public DbConnection OpenWriter()
    {
        var connection = _dataSource.OpenConnection();
        try
        {
            PostgresDurability.Require(connection);
            Volatile.Write(ref _writerProcessId, connection.ProcessID);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>None: Npgsql pools the sessions, and a session the store kept would outlive a server restart or a failover.</summary>
    public int ReaderSessionsKept => 0;

    public async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>disk_full (53100): the server could not extend a file or write WAL.</summary>
    public bool IsStorageFull(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.DiskFull };

    public bool IsUnavailable(Exception exception) => PostgresErrors.IsUnavailable(exception);

    public void Dispose() => _dataSource.Dispose();

    /// <summary>"PostgreSQL database gateway on db.example:5432 (schema kz)": host, port, database, search path; never the password.</summary>
    private static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})";
        return $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host}:{builder.Port}{schema}";
    }
}
