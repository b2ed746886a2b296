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

    private PostgresReplicas(string server, string schema, string? role)
    {
        Server = server;
        Schema = schema;
        Role = role;
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.InSchema(server, schema));
        if (role is not null)
        {
            // The test server trusts local logins: the password is never checked, only carried (and must never be shown).
            (builder.Username, builder.Password) = (role, Password);
        }

        ConnectionString = builder.ConnectionString;
    }

    /// <summary>The password in <see cref="ConnectionString"/> when the replicas log in as their own role.</summary>
    public const string Password = "never-shown-7f3a";

    /// <summary>The replicas' own login role (a test may lock it out), or null when they use the server's.</summary>
    public string? Role { get; }

    public string Server { get; }

    public string Schema { get; }

    /// <summary>The connection string every replica uses (search path = the schema).</summary>
    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<SqlGatewayStore> Stores => _stores;

    public IReadOnlyList<PostgresDialect> Dialects => _dialects;

    /// <summary>A new schema and <paramref name="count"/> stores on it, started at once (their migrations race, as replicas' do).</summary>
    /// <param name="ownRole">Log in as a role of their own (a superuser made for the test, dropped with the schema).</param>
    public static async Task<PostgresReplicas> StartAsync(int count, bool ownRole = false)
    {
        var server = TestPostgres.RequireConnectionString();
        var schema = "replicas_" + Guid.NewGuid().ToString("N")[..16];
        var replicas = new PostgresReplicas(server, schema, ownRole ? "role_" + schema : null);
        await replicas.ExecuteAsync($"CREATE SCHEMA {replicas.Schema}");
        if (replicas.Role is { } role)
        {
            await replicas.ExecuteAsync($"CREATE ROLE {role} LOGIN SUPERUSER");
        }

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
    public Task<object?> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        TestDatabase.AdminAsync(Server, sql, parameters);

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
        if (Role is not null)
        {
            await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Role}'");
            await ExecuteAsync($"DROP ROLE {Role}");
        }
    }
}
