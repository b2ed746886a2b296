using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>The store a verify command reads, through its engine: --db FILE (SQLite, opened read-only) or --postgres CONNECTION-STRING.</summary>
internal static class StoreArgument
{
    public const string Hint = "--db NODE.db (SQLite) or --postgres CONNECTION-STRING (PostgreSQL; keep the password in PGPASSWORD or ~/.pgpass, not on the command line)";

    /// <summary>The dialect to read through, or null when neither option was given.</summary>
    public static ISqlDialect? Open(string[] args, string verb)
    {
        var file = CliArgs.Option(args, "--db");
        var postgres = CliArgs.Option(args, "--postgres");
        if (file is not null && postgres is not null)
        {
            throw new CliUsageException($"{verb}: give --db or --postgres, not both.");
        }

        return file is not null ? new SqliteDialect(file, readOnly: true)
            : postgres is not null ? new PostgresDialect(postgres)
            : null;
    }

    public static async Task<T> ReadAsync<T>(ISqlDialect dialect, Func<ISqlDialect, CancellationToken, Task<T>> read)
    {
        try
        {
            return await read(dialect, CancellationToken.None);
        }
        finally
        {
            (dialect as IDisposable)?.Dispose();
        }
    }
}
