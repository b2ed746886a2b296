using System.Data.Common;
using ClassifiedGateway.Gateway.Storage.Sql;
using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>PostgreSQL through Npgsql: one pooled data source; the writer's sessions run with synchronous_commit on, on a
/// server that keeps fsync and full_page_writes on, so a COMMIT that returned survives a crash of the server or its host.</summary>
internal sealed class PostgresDialect : ISqlDialect, IStoreErrors, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "classified-gateway";
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public IReadOnlyList<(int Version, string Sql)> Migrations => PostgresMigrations.All;

    public DbConnection OpenWriter()
    {
        var connection = _dataSource.OpenConnection();
        try
        {
            PostgresDurability.Require(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>disk_full (53100): the server could not extend a file or write WAL.</summary>
    public bool IsStorageFull(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.DiskFull };

    public bool IsUnavailable(Exception exception) => PostgresErrors.IsUnavailable(exception);

    public void Dispose() => _dataSource.Dispose();
}
