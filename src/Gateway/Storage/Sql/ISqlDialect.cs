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

    /// <summary>Versioned migrations, in order; each runs once, in its own transaction.</summary>
    IReadOnlyList<(int Version, string Sql)> Migrations { get; }
}
