using System.Data.Common;
using System.Globalization;
using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Re-counts what the triggers of migration 15 keep (verify-store): messages per direction and stage against a real
/// GROUP BY, the outbox's entry counter against its rows. A counter is stored bytes too, and the console and metrics believe it.</summary>
internal static class CountsVerifier
{
    // Each comparison is one statement, so it reads one snapshot even on a store that is being written.
    private const string StageCountsSql = """
        SELECT direction, stage, CAST(SUM(kept) AS BIGINT), CAST(SUM(actual) AS BIGINT) FROM (
            SELECT direction, stage, count AS kept, 0 AS actual FROM stage_counts
            UNION ALL
            SELECT direction, stage, 0, COUNT(*) FROM messages GROUP BY direction, stage
        ) both_sides
        GROUP BY direction, stage HAVING SUM(kept) <> SUM(actual)
        ORDER BY direction, stage
        """;

    private const string OutboxSql = $"SELECT ({SqlGatewayStore.OutboxDepthSql}), (SELECT COUNT(*) FROM outbox)";

    /// <summary>One sentence per counter that differs from the rows (empty when every count is right, or the store predates them).</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(ISqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenReaderAsync(cancellationToken);
        if (await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version WHERE version = 15", cancellationToken) == 0)
        {
            return [];
        }

        var problems = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = StageCountsSql;
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                problems.Add($"stage_counts holds {r.GetInt64(2)} {Name((Direction)r.GetInt64(0))} {Name((Stage)r.GetInt64(1))} messages; the messages table holds {r.GetInt64(3)}");
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = OutboxSql;
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            var kept = r.IsDBNull(0) ? (long?)null : r.GetInt64(0);
            var actual = r.GetInt64(1);
            if (kept != actual)
            {
                problems.Add($"the outbox entry counter holds {(kept is { } k ? k.ToString(CultureInfo.InvariantCulture) : "nothing")}; the outbox holds {actual} entries");
            }
        }

        return problems;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    // A rotted row may hold any number: a defined value by its name, anything else as the number it is.
    private static string Name<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value.ToString().ToUpperInvariant() : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
