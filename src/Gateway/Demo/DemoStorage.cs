using System.Globalization;
using Npgsql;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Where the demo's nodes keep their messages: a SQLite file per node (the default), or on PostgreSQL a database per
/// Party shared by that Party's replicas.</summary>
internal sealed record DemoStorage(string? PostgresServer, int Replicas)
{
    public const int MaxReplicas = 4;

    /// <summary>The PostgreSQL database a Party's replicas share.</summary>
    public static string DatabaseName(string code) => "classified_gateway_" + code.ToLowerInvariant();

    public bool OnPostgres => PostgresServer is not null;

    /// <summary>Reads --postgres and --replicas; a mistake is one sentence (exit 2).</summary>
    public static DemoStorage FromArguments(string? postgres, string? replicas)
    {
        var count = 1;
        if (replicas is not null && (!int.TryParse(replicas, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxReplicas))
        {
            throw new Cli.CliUsageException($"demo: --replicas must be a whole number from 1 to {MaxReplicas}.");
        }

        if (postgres is null && count > 1)
        {
            throw new Cli.CliUsageException("demo: --replicas needs --postgres (replicas of a Party share its PostgreSQL database; SQLite is one node's file).");
        }

        if (postgres is not null)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException)
            {
                throw new Cli.CliUsageException("demo: --postgres is not a valid Npgsql connection string.");
            }
        }

        return new DemoStorage(postgres, count);
    }

    /// <summary>The connection string of <paramref name="code"/>'s database, which is created when missing.</summary>
    public async Task<string> EnsureDatabaseAsync(string code, CancellationToken cancellationToken)
    {
        var name = DatabaseName(code);
        try
        {
            await CreateIfMissingAsync(name, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new Cli.CliUsageException($"demo: the PostgreSQL server --postgres names cannot be used ({e.Message.Split('\n')[0].Trim()}).");
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    private async Task CreateIfMissingAsync(string name, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // The name is ours (a constant and a Party code), never the user's string.
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
