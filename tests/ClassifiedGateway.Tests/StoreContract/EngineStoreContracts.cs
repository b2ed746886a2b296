using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The store contract on a SQLite file.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cg-tests", "contract-" + Guid.NewGuid().ToString("N"));

    private protected override ISqlDialect CreateDialect() => new SqliteDialect(Path.Combine(_folder, "store.db"));

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The store contract on a real PostgreSQL server (test.sh starts one and sets CG_TEST_POSTGRES); each test in its own schema.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private readonly string _schema = "contract_" + Guid.NewGuid().ToString("N")[..16];

    private protected override ISqlDialect CreateDialect()
    {
        var server = TestPostgres.RequireConnectionString();
        TestDatabase.AdminAsync(server, $"CREATE SCHEMA {_schema}").GetAwaiter().GetResult();

        return new PostgresDialect(TestPostgres.InSchema(server, _schema));
    }

    protected override Task DropAsync() => TestDatabase.AdminAsync(TestPostgres.RequireConnectionString(), $"DROP SCHEMA {_schema} CASCADE");
}
