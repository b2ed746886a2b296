using System.Globalization;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>Prints runs as Markdown table rows (pasted into docs/performance.md as they are).</summary>
internal static class E2eTable
{
    public static void Header()
    {
        Console.WriteLine("| callers | run | acked/s | accepted/s | accept p50/p99 ms | e2e p50/p99 ms | CPU µs/notice KZ/TM/client | tier-up µs/notice KZ/TM | peak RSS MB KZ/TM | fsyncs/notice KZ/TM | SQL statements (writer)/notice KZ/TM | commits/notice KZ/TM | PostgreSQL CPU µs, WAL syncs/notice | notices | drain s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    public static void Row(E2eResult r, string run) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Callers} | {run} | {r.AcknowledgedPerSecond:0} | {r.AcceptedPerSecond:0} | {r.ToAccepted.P50:0.0} / {r.ToAccepted.P99:0.0} | " +
        $"{r.ToAcknowledged.P50:0} / {r.ToAcknowledged.P99:0} | {r.Kz.CpuMicros:0} / {r.Tm.CpuMicros:0} / {r.ClientCpuMicros:0} | {r.Kz.TierUpMicros:0} / {r.Tm.TierUpMicros:0} | " +
        $"{r.Kz.PeakRssMb:0} / {r.Tm.PeakRssMb:0} | {Figure(r.Kz.Fsyncs)} / {Figure(r.Tm.Fsyncs)} | " +
        $"{Figure(r.Kz.Statements)} / {Figure(r.Tm.Statements)} | {Figure(r.Kz.Commits)} / {Figure(r.Tm.Commits)} | " +
        $"{Server(r.Server)} | " +
        $"{r.Accepted} | {r.DrainSeconds:0.0} |"));

    /// <summary>Each figure's median over the runs on its own (the row need not be one of the runs).</summary>
    public static E2eResult Median(IReadOnlyList<E2eResult> runs)
    {
        double M(Func<E2eResult, double> f) => MedianOf(runs.Select(f));
        double? N(Func<E2eResult, double?> f) => runs.All(r => f(r) is not null) ? MedianOf(runs.Select(r => f(r)!.Value)) : null;
        NodeCost Node(Func<E2eResult, NodeCost> n) => new(M(r => n(r).CpuMicros), M(r => n(r).TierUpMicros), N(r => n(r).Fsyncs), N(r => n(r).Statements), N(r => n(r).Commits), M(r => n(r).PeakRssMb));
        return new E2eResult(
            runs[0].Callers, (int)M(r => r.Accepted), runs.Sum(r => r.Failed), runs.Sum(r => r.Missing), runs.All(r => r.Drained),
            M(r => r.LoadSeconds), M(r => r.DrainSeconds), M(r => r.AcknowledgedPerSecond), M(r => r.AcceptedPerSecond),
            new(M(r => r.ToAccepted.P50), M(r => r.ToAccepted.P99)), new(M(r => r.ToAcknowledged.P50), M(r => r.ToAcknowledged.P99)),
            Node(r => r.Kz), Node(r => r.Tm), M(r => r.ClientCpuMicros),
            runs.All(r => r.Server is not null) ? new ServerCost(M(r => r.Server!.CpuMicros), M(r => r.Server!.WalSyncs)) : null);
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Server(ServerCost? server) =>
        server is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{server.CpuMicros:0} / {server.WalSyncs:0.00}");

    private static string Figure(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
