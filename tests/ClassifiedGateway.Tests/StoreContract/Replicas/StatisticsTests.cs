using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>A young table is analyzed each time its file doubles, so PostgreSQL drops the plans it made while the table was
/// empty (a generic plan for a few rows is a sequential scan), by itself on the store's clock and once per doubling.</summary>
[Trait("Category", "pg-only")]
public sealed class StatisticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task A_table_is_analyzed_once_it_has_grown_and_again_only_when_it_has_doubled()
    {
        await using var replicas = await PostgresReplicas.StartAsync(1);
        await AutovacuumOffAsync(replicas);
        var statistics = new PostgresStatistics(replicas.Dialects[0], replicas.Time, NullLogger.Instance, run: false);

        Assert.DoesNotContain("messages", await statistics.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await RelPagesAsync(replicas, "messages"));

        await SubmitAsync(replicas.Stores[0], "young", 300);
        var pages = await FilePagesAsync(replicas, "messages");
        Assert.True(pages >= PostgresStatistics.MinPages, $"300 notices fill only {pages} pages");

        Assert.Contains("messages", await statistics.RefreshAsync(CancellationToken.None));
        Assert.Equal(pages, await RelPagesAsync(replicas, "messages"));
        Assert.DoesNotContain("messages", await statistics.RefreshAsync(CancellationToken.None));

        // Grown, but not yet to twice the pages of its last ANALYZE: left alone.
        await SubmitAsync(replicas.Stores[0], "older", 60);
        Assert.True(await FilePagesAsync(replicas, "messages") < 2 * pages);
        Assert.DoesNotContain("messages", await statistics.RefreshAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_store_analyzes_its_grown_tables_by_itself_on_its_clock()
    {
        await using var replicas = await PostgresReplicas.StartAsync(1);
        await AutovacuumOffAsync(replicas);
        await SubmitAsync(replicas.Stores[0], "clocked", 300);
        Assert.Equal(0, await RelPagesAsync(replicas, "messages"));

        // The store's own keeper waits on the store's (fake) clock: only moving it on lets it look.
        await Eventually.TrueAsync(async () =>
            {
                replicas.Time.Advance(PostgresStatistics.Interval);
                return await RelPagesAsync(replicas, "messages") > 0;
            },
            Patience, () => "the store never analyzed its messages table");
    }

    [SkippableFact]
    public async Task A_plan_kept_from_when_the_table_was_young_is_replaced_once_the_grown_table_is_analyzed()
    {
        await using var replicas = await PostgresReplicas.StartAsync(1);
        await AutovacuumOffAsync(replicas);
        await SubmitAsync(replicas.Stores[0], "first", 20);

        // The plan a prepared statement keeps after its fifth run is generic (made without the parameters' values), and it
        // stays until the table's statistics change: here made while messages holds a few rows, where reading it whole is cheapest.
        await using var session = new NpgsqlConnection(replicas.ConnectionString);
        await session.OpenAsync();
        var sql = SqlGatewayStore.ExistingSql.Replace("@key", "$1", StringComparison.Ordinal).Replace("@id", "$2", StringComparison.Ordinal);
        await using (var prepare = new NpgsqlCommand($"SET plan_cache_mode = force_generic_plan; PREPARE existing(text, text) AS {sql}", session))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        var young = await PlanAsync(session);
        Assert.Contains("Seq Scan on messages", young, StringComparison.Ordinal);
        await SubmitAsync(replicas.Stores[0], "planned", 300);
        Assert.Equal(young, await PlanAsync(session));

        await new PostgresStatistics(replicas.Dialects[0], replicas.Time, NullLogger.Instance, run: false).RefreshAsync(CancellationToken.None);

        var analyzed = await PlanAsync(session);
        Assert.Contains("messages_key_key", analyzed, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", analyzed, StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(NpgsqlConnection session)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) EXECUTE existing('k', 'i')", session);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0).Trim());
        }

        return string.Join(" / ", plan);
    }

    private static async Task SubmitAsync(SqlGatewayStore store, string prefix, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            store.SubmitAdmittedAsync(Notices.Envelope($"{prefix}-{i}", Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest), Now)));

    /// <summary>Only the keeper may analyze messages during a test (autovacuum could otherwise do it at any moment).</summary>
    private static async Task AutovacuumOffAsync(PostgresReplicas replicas) =>
        await replicas.ExecuteAsync($"ALTER TABLE {replicas.Schema}.messages SET (autovacuum_enabled = false)");

    private static async Task<long> RelPagesAsync(PostgresReplicas replicas, string table) =>
        Convert.ToInt64(await replicas.ExecuteAsync(
            "SELECT relpages FROM pg_class WHERE relname = @t AND relnamespace = @s::regnamespace", ("@t", table), ("@s", replicas.Schema)),
            System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> FilePagesAsync(PostgresReplicas replicas, string table) =>
        Convert.ToInt64(await replicas.ExecuteAsync(
            "SELECT pg_relation_size(format('%I.%I', @s::text, @t::text)::regclass) / current_setting('block_size')::bigint",
            ("@t", table), ("@s", replicas.Schema)),
            System.Globalization.CultureInfo.InvariantCulture);
}
