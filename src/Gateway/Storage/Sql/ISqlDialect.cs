using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>What differs between engines: connections and DDL. The store's queries are portable SQL
/// (named parameters, RETURNING, partial indexes, SAVEPOINT) that SQLite and PostgreSQL both speak.</summary>
internal interface ISqlDialect
{
    /// <summary>Opens the single writer connection (durability settings applied).</summary>
    DbConnection OpenWriter();

    /// <summary>Opens a connection for reads.</summary>
    Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Read sessions the store keeps open between reads with their statements prepared (<see cref="ReaderSessions"/>);
    /// 0 to open one per read from the driver's pool.</summary>
    int ReaderSessionsKept { get; }

    /// <summary>Run first in every group commit's transaction, before anything is read: what makes several writer processes
    /// on one database take turns, so the audit chain's head, the counters and the acceptance order (identity values taken
    /// in commit order) stay single. Null when the engine needs nothing (SQLite: one node owns its file).</summary>
    string? WriterBatchPrologue { get; }

    /// <summary>Run just before COMMIT when a batch changed what other processes' loops wait on (parameter @what: "o" outbox,
    /// "i" inbox, "h" history), so replicas sharing the database wake at once; null when no other process shares it.</summary>
    string? ChangeNotice { get; }

    /// <summary>Starts pulsing <paramref name="signals"/> for changes other processes commit (their <see cref="ChangeNotice"/>);
    /// null when the engine has no other writer (SQLite). Disposing stops it.</summary>
    IAsyncDisposable? ListenForChanges(StoreSignals signals, ILogger logger);

    /// <summary>Starts keeping the planner's statistics fresh while the tables are young, or null when the engine's planner needs
    /// none (SQLite plans without them). Disposing stops it.</summary>
    IAsyncDisposable? KeepStatistics(TimeProvider time, ILogger logger);

    /// <summary>Names the database for operators (engine and where), never a password: readiness and logs say which one failed.</summary>
    string Description { get; }

    /// <summary>A condition that <paramref name="column"/> is one of a list of values bound as one parameter (see
    /// <see cref="ListOf(IReadOnlyCollection{string})"/>): one SQL text for any number of values, so it is prepared once and
    /// a batch of N rows is read or changed by one statement instead of N.</summary>
    string InList(string column, string parameter);

    /// <summary>The value to bind for an <see cref="InList"/> parameter.</summary>
    object ListOf(IReadOnlyCollection<string> values);

    /// <inheritdoc cref="ListOf(IReadOnlyCollection{string})"/>
    object ListOf(IReadOnlyCollection<long> values);

    /// <summary>Versioned migrations, in order; each runs once, in its own transaction.</summary>
    IReadOnlyList<(int Version, string Sql)> Migrations { get; }
}
