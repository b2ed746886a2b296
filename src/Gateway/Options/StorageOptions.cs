using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>The database engines the node can keep its messages in.</summary>
public enum StorageEngine
{
    /// <summary>One embedded SQLite file (the demo, a single node, tests).</summary>
    Sqlite = 1,

    /// <summary>A PostgreSQL server (production).</summary>
    Postgres = 2,
}

/// <summary>Where and how the node keeps its messages: the engine, and that engine's own settings.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Gateway:Storage";

    /// <summary>The engine: Sqlite (embedded default) or Postgres.</summary>
    /// <value>Default Sqlite.</value>
    public StorageEngine Engine { get; set; } = StorageEngine.Sqlite;

    /// <summary>Settings used when <see cref="Engine"/> is Sqlite.</summary>
    public SqliteStorageOptions Sqlite { get; set; } = new();

    /// <summary>Settings used when <see cref="Engine"/> is Postgres.</summary>
    public PostgresStorageOptions Postgres { get; set; } = new();

    /// <summary>Most writes committed in one transaction (one fsync) by the group committer.</summary>
    /// <value>Default 256.</value>
    [Range(1, 10_000)]
    public int MaxGroupCommit { get; set; } = 256;
}

/// <summary>The SQLite engine's settings (Gateway:Storage:Sqlite).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The SQLite database file; its folder is created when missing.</summary>
    /// <value>Default "data/gateway.db".</value>
    public string Path { get; set; } = "data/gateway.db";
}

/// <summary>The PostgreSQL engine's settings (Gateway:Storage:Postgres).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. "Host=db;Database=gateway;Username=gateway;Password=..." (Host may be a unix
    /// socket folder). The server must keep fsync on; the node sets synchronous_commit on for its own sessions.</summary>
    /// <value>Required when the engine is Postgres; no default.</value>
    public string? ConnectionString { get; set; }

    /// <summary>How often the replica holding the relay lease proves its lease session alive (a query on that session); one
    /// that fails or takes longer than this ends the lease at once, so the holder stops relaying before anyone takes over.</summary>
    /// <value>Default 2 seconds; 1 second to 1 minute.</value>
    public TimeSpan LeaseHeartbeat { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The lease session's idle_session_timeout: a holder that stops heartbeating (a hung process or host, a cut
    /// network) loses its session, and the lease, this long after its last heartbeat. A holder that dies outright (kill -9,
    /// a closed connection) loses it at once. At least three heartbeats.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan LeaseSessionTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
