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
        await AdminAsync(server, $"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE: a killed replica's server-side session may not have noticed yet that its client is gone.
        await AdminAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>Runs one administrative statement (CREATE/DROP of a database, schema or role, pg_terminate_backend, ...) on
    /// <paramref name="server"/> over a session of its own, outside any store's pool; returns the first column of the first row.</summary>
    public static async Task<object?> AdminAsync(string server, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, given) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, given ?? DBNull.Value));
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
