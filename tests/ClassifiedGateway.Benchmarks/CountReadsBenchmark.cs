using System.Diagnostics;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Benchmarks;

/// <summary>The reads the console, the metrics and the Operator API make on every refresh, on the list benchmark's store: as the
/// store reads them now (kept counts, index seeks) and as it read them before migration 15 (scans), each timed over 20 runs.</summary>
internal static class CountReadsBenchmark
{
    // The statements the store ran before migration 15, verbatim, so "before" is measured on the same data.
    private const string StageCountsBefore = "SELECT stage, direction, COUNT(*) FROM messages GROUP BY stage, direction ORDER BY direction, stage";
    private const string OutboxBefore = "SELECT COUNT(*), MIN(at) FROM outbox";
    private const string MessagesBacklogBefore = """
        SELECT
          COALESCE(SUM(CASE WHEN stage IN (1, 2) THEN 1 ELSE 0 END), 0),
          MIN(CASE WHEN stage IN (1, 2) THEN accepted_at END),
          COALESCE(SUM(CASE WHEN stage = 3 THEN 1 ELSE 0 END), 0),
          MIN(CASE WHEN stage = 3 THEN stage_at END)
        FROM messages WHERE direction = 1 AND stage IN (1, 2, 3)
        """;

    public static async Task RunAsync(SqlGatewayStore store, ISqlDialect dialect)
    {
        Console.WriteLine();
        Console.WriteLine($"{"read",-38} {"median ms",10} {"max ms",8}  answer");
        var counts = await TimeAsync("stage counts (stage_counts)", async () => string.Join(" ",
            (await store.CountByStageAsync(CancellationToken.None)).Select(c => $"{c.Direction}/{c.Stage}={c.Count}")));
        var countsBefore = await TimeAsync("stage counts (GROUP BY, before)", async () => string.Join(" ",
            (await RowsAsync(dialect, StageCountsBefore)).Select(r => $"{(Contracts.V1.Direction)(r[1] ?? 0)}/{(Contracts.V1.Stage)(r[0] ?? 0)}={r[2]}")));
        var backlog = await TimeAsync("link backlog (counters, seeks)", async () => Describe(await store.ReadLinkBacklogAsync(CancellationToken.None)));
        var backlogBefore = await TimeAsync("link backlog (scans, before)", async () =>
        {
            var outbox = (await RowsAsync(dialect, OutboxBefore))[0];
            var messages = (await RowsAsync(dialect, MessagesBacklogBefore))[0];
            return Describe(new LinkBacklog(outbox[0] ?? 0, At(outbox[1]), messages[0] ?? 0, At(messages[1]), messages[2] ?? 0, At(messages[3])));
        });
        var depth = await TimeAsync("outbox depth (counter)", async () => $"{await store.OutboxDepthAsync(CancellationToken.None)}");
        var depthBefore = await TimeAsync("outbox depth (COUNT, before)", async () => $"{(await RowsAsync(dialect, "SELECT COUNT(*) FROM outbox"))[0][0]}");
        Console.WriteLine($"same answers before and after: {counts == countsBefore && backlog == backlogBefore && depth == depthBefore}");
    }

    private static async Task<string> TimeAsync(string name, Func<Task<string>> read)
    {
        var times = new List<double>();
        var answer = "";
        for (var run = 0; run < 20; run++)
        {
            var clock = Stopwatch.StartNew();
            answer = await read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-38} {times[times.Count / 2],10:0.00} {times[^1],8:0.00}  {answer}");
        return answer;
    }

    private static string Describe(LinkBacklog b) =>
        $"outbox {b.OutboxDepth} since {b.OldestWaitingSince:O}, undelivered {b.Undelivered} since {b.OldestUndeliveredSince:O}, unacked {b.Unacknowledged}";

    private static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static async Task<List<long?[]>> RowsAsync(ISqlDialect dialect, string sql)
    {
        await using var connection = await dialect.OpenReaderAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var r = await command.ExecuteReaderAsync();
        var rows = new List<long?[]>();
        while (await r.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? (long?)null : r.GetInt64(i))]);
        }

        return rows;
    }
}
