using Npgsql;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A database of its own on a PostgreSQL server (the tests': CG_TEST_POSTGRES), created empty and dropped at the end: one
/// Party's store, shared by that Party's replicas.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The Npgsql connection string the nodes and verify-audit are given.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates cg_LABEL_RANDOM on <paramref name="server"/> (in tests: TestPostgres.RequireConnectionString()).</summary>
    public static async Task<TestDatabase> CreateAsync(string server, string label)
    {
        var database = new TestDatabase(server, $"cg_{label.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..16]}");
        await database.ExecuteAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE: a killed replica's server-side session may not have noticed yet that its client is gone.
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
