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

    [Fact]
    public async Task The_verify_store_command_names_a_tampered_count_and_exits_broken()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, Kz("cli-count-1"));
        Assert.Equal(0, (await StoreFaults.VerifyStoreAsync(Path.Combine(_folder, "store.db"))).Code);

        await RawAsync("UPDATE stage_counts SET count = 3 WHERE direction = 1 AND stage = 1");
        var (code, output) = await StoreFaults.VerifyStoreAsync(Path.Combine(_folder, "store.db"));

        Assert.Equal(Gateway.Cli.VerifyStoreCommand.Broken, code);
        Assert.Contains("BROKEN counts: stage_counts holds 3 OUTBOUND ACCEPTED messages; the messages table holds 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_backlog_and_stage_counts_are_read_by_seeks_never_by_a_scan_of_the_messages()
    {
        await OpenAsync();
        foreach (var sql in new[] { SqlGatewayStore.LinkBacklogSql, SqlGatewayStore.CountByStageSql, SqlGatewayStore.OutboxDepthSql })
        {
            await using var connection = await Dialect.OpenReaderAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var r = await command.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await r.ReadAsync())
            {
                plan.Add(r.GetString(3));
            }

            // A scan of the messages or the outbox, or a sort, would read the whole backlog (10⁶ rows when the other node is away).
            Assert.DoesNotContain(plan, p => p.StartsWith("SCAN messages", StringComparison.Ordinal) || p.Contains("TEMP B-TREE", StringComparison.Ordinal)
                || p.StartsWith("SEARCH messages USING INDEX ix_messages_stage", StringComparison.Ordinal));
            Assert.All(plan.Where(p => p.Contains("messages", StringComparison.Ordinal)), p => Assert.Contains("ix_messages_waiting_", p, StringComparison.Ordinal));
        }
    }

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
