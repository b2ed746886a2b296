using System.Globalization;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The end-to-end benchmark (issue 10): two real node processes, N callers at KZ, an acknowledging subscriber
/// at TM; prints a Markdown table per run and the medians per level; exits non-zero when any accepted notice did not
/// reach ACKNOWLEDGED at KZ.</summary>
internal static class E2eBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = E2eOptions.Parse(args);
        var mode = LoadModes.Create(options.Mode);
        // PostgreSQL: the nodes do not fsync (the server's WAL syncs are counted instead).
        var traceFsyncs = options.Fsyncs && options.Engine != "postgres" && FsyncTrace.Available();
        var engine = options.Engine == "postgres"
            ? $"PostgreSQL, {options.Replicas} replica(s) per Party (callers spread over KZ's; server costs: its processes' CPU and WAL syncs)"
            : "SQLite, one node per Party";
        Console.WriteLine($"e2e --mode {options.Mode}, {engine}: {BenchmarkNotice.Size}-byte notices KZ → TM for {options.Duration.TotalSeconds:0} s " +
            $"(at most {options.MaxNotices} per run), {options.Runs} run(s) per level, {Environment.ProcessorCount} cores; " +
            $"fsyncs {(traceFsyncs ? "counted with perf's syscall tracepoints" : "not counted (perf unavailable, --fsyncs off or PostgreSQL)")}");
        E2eTable.Header();
        var failed = 0;
        var medians = new List<E2eResult>();
        foreach (var callers in options.Callers)
        {
            var runs = new List<E2eResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var result = await E2eRun.RunAsync(options, mode, callers, traceFsyncs);
                E2eTable.Row(result, run.ToString(CultureInfo.InvariantCulture));
                runs.Add(result);
                if (!result.Verified)
                {
                    failed++;
                    await Console.Error.WriteLineAsync(
                        $"FAILED: {result.Missing} of {result.Accepted} accepted notices not ACKNOWLEDGED at KZ, {result.Failed} submits failed, drained: {result.Drained}");
                }
            }

            medians.Add(E2eTable.Median(runs));
        }

        if (options.Runs > 1)
        {
            Console.WriteLine();
            Console.WriteLine("medians:");
            E2eTable.Header();
            foreach (var median in medians)
            {
                E2eTable.Row(median, "median");
            }
        }

        Console.WriteLine(failed == 0 ? "verified: every accepted notice reached ACKNOWLEDGED at KZ" : $"{failed} run(s) FAILED verification");
        return failed == 0 ? 0 : 1;
    }
}
