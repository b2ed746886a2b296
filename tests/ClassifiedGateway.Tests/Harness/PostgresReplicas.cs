using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Several store instances — replicas of one node, each with its own dialect, pool and writer — on one schema of the
/// test PostgreSQL server (CG_TEST_POSTGRES); the schema is dropped when disposed.</summary>
internal sealed class PostgresReplicas : IAsyncDisposable
{
    private readonly List<PostgresDialect> _dialects = [];
    private readonly List<SqlGatewayStore> _stores = [];

    private PostgresReplicas(string server, string schema)
    {
        Server = server;
        Schema = schema;
        ConnectionString = TestPostgres.InSchema(server, schema);
    }

    public string Server { get; }

    public string Schema { get; }

    /// <summary>The connection string every replica uses (search path = the schema).</summary>
    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<SqlGatewayStore> Stores => _stores;

    public IReadOnlyList<PostgresDialect> Dialects => _dialects;

    /// <summary>A new schema and <paramref name="count"/> stores on it, started at once (their migrations race, as replicas' do).</summary>
    public static async Task<PostgresReplicas> StartAsync(int count)
    {
        var server = TestPostgres.RequireConnectionString();
        var replicas = new PostgresReplicas(server, "replicas_" + Guid.NewGuid().ToString("N")[..16]);
        await replicas.ExecuteAsync($"CREATE SCHEMA {replicas.Schema}");
        for (var i = 0; i < count; i++)
        {
            var dialect = new PostgresDialect(replicas.ConnectionString);
            replicas._dialects.Add(dialect);
            replicas._stores.Add(new SqlGatewayStore(dialect, 64, replicas.Time, NullLogger<SqlGatewayStore>.Instance));
        }

        await Task.WhenAll(replicas._stores.Select(s => s.InitializeAsync(CancellationToken.None)));
        return replicas;
    }

    /// <summary>Runs a statement on the server as an administrator (outside the schema's replicas).</summary>
    public async Task<object?> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        SqlParameters.Bind(command, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        foreach (var dialect in _dialects)
        {
            dialect.Dispose();
        }

        await ExecuteAsync($"DROP SCHEMA {Schema} CASCADE");
    }
}
