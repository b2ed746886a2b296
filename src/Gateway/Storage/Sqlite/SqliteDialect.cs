using System.Data.Common;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>SQLite: WAL with synchronous=FULL, so a COMMIT that returned survives power loss.</summary>
internal sealed class SqliteDialect : ISqlDialect, IStoreErrors
{
    private readonly string _connectionString;
    private readonly bool _readOnly;

    /// <param name="path">The database file; created with its folder unless <paramref name="readOnly"/>.</param>
    /// <param name="readOnly">Open an existing file for reading only (verify-audit, verify-store on a copy), never creating it.</param>
    public SqliteDialect(string path, bool readOnly = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!readOnly && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _readOnly = readOnly;
        Description = $"SQLite file {path}";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = !readOnly,
            DefaultTimeout = 30,
        }.ToString();
    }

    public IReadOnlyList<(int Version, string Sql)> Migrations => SqliteMigrations.All;

    /// <summary>None: a SQLite file has one node, whose single writer already serializes every write.</summary>
    public string? WriterBatchPrologue => null;

    public string Description { get; }

    /// <summary>None: the node's own writer pulses its own signals.</summary>
    public string? ChangeNotice => null;

    public IAsyncDisposable? ListenForChanges(StoreSignals signals, ILogger logger) => null;

    public IAsyncDisposable? KeepStatistics(TimeProvider time, ILogger logger) => null;

    /// <summary>The list as a JSON array, read back by SQLite's <c>json_each</c>: the planner probes the column's index once
    /// per value, as for a literal IN list.</summary>
    public string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public object ListOf(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public object ListOf(IReadOnlyCollection<long> values) => System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>SQLITE_FULL (13) and the I/O errors (10, SQLITE_IOERR_*) a full disk causes when the WAL or journal cannot grow.</summary>
    public bool IsStorageFull(Exception exception) => exception is SqliteException { SqliteErrorCode: 13 or 10 };

    /// <summary>SQLITE_BUSY (5): another process held the file's lock past the busy timeout.</summary>
    public bool IsUnavailable(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 };

    /// <summary>The writer's page cache (SQLite's default is 2 MiB): every notice inserts into the message table's indexes
    /// at random keys, and pages that fall out of the cache are read back from the OS with a <c>pread</c> each.</summary>
    private const int WriterCacheKiB = 16 * 1024;

    /// <summary>WAL pages before the writer copies them back into the database file (SQLite's default is 1,000, ~4 MiB).
    /// The message table's index pages are rewritten by many commits in a row; a longer WAL copies each of them back once
    /// per checkpoint instead of once per ~4 MiB of commits (fewer reads of the WAL, writes and fsyncs of the file).</summary>
    private const int CheckpointPages = 8192;

    // temp_store=MEMORY: SQLite keeps the pages a savepoint (a batch run isolated, see GroupCommitWriter) or a multi-row statement
    // may have to put back in a statement journal; past 64 KiB that journal spills to a temp file, one pwrite per page and one
    // per page number. When every operation had its savepoint that was 78 % of the writer's pwrites (28k in 3 s at 16 streams,
    // 59 MB): in memory it costs no system call. Durability is untouched: the WAL and its fsync are the same.

    public DbConnection OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA cache_size=-{WriterCacheKiB}; PRAGMA wal_autocheckpoint={CheckpointPages}; PRAGMA temp_store=MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Eight: SQLite compiles a new command's text on every read, and a kept session keeps its statements prepared. A
    /// read-only file (the offline verifiers) keeps none.</summary>
    public int ReaderSessionsKept => _readOnly ? 0 : 8;

    public async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        // No per-open PRAGMA (it was one more statement parsed and run on every read): Microsoft.Data.Sqlite itself retries
        // a busy or locked read until DefaultTimeout (30 s), and a WAL reader does not wait for the writer.
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
