using System.Globalization;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>Reads one node's costs from outside: CPU time and peak RSS from /proc, fsync calls from the perf log the
/// node runs under (see <see cref="FsyncTrace"/>), SQL statements and commits from its /metrics.</summary>
internal sealed class NodeProbe(NodeProcess node, FsyncTrace? fsyncs)
{
    /// <summary>The gateway's own process id: the started one, or perf's child when the node runs under perf.</summary>
    public int Pid { get; } = fsyncs is null ? node.ProcessId : FsyncTrace.ChildOf(node.ProcessId);

    public async Task<NodeSnapshot> SnapshotAsync()
    {
        var store = await StoreCountersAsync();
        return new NodeSnapshot(CpuTime(), TierUpCpuTime(), fsyncs?.Count(), store.Statements, store.Commits);
    }

    /// <summary>VmHWM: the most resident memory the process ever had.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>utime + stime of every thread of the process (fields 14 and 15 of /proc/PID/stat), in clock ticks of 1/100 s.</summary>
    private TimeSpan CpuTime() => Ticks(File.ReadAllText($"/proc/{Pid}/stat"));

    /// <summary>The CPU time of the runtime's background tier-up threads (named ".NET Tiered Com..."), which rejit hot
    /// methods with full optimization; threads that already ended are not counted.</summary>
    private TimeSpan TierUpCpuTime()
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    total += Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return total;
    }

    /// <summary>utime + stime of a /proc/PID/stat line (the server probe reads PostgreSQL's processes with it).</summary>
    internal static TimeSpan CpuOf(string stat) => Ticks(stat);

    private static TimeSpan Ticks(string stat)
    {
        // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    // USER_HZ is 100 on every Linux the gateway runs on (sysconf(_SC_CLK_TCK)).
    private const int ClockTicksPerSecond = 100;

    private async Task<(double? Statements, double? Commits)> StoreCountersAsync()
    {
        var text = await Metrics.ScrapeAsync(node.Settings);
        return (Sum(text, "gateway_store_statements_total"), Sum(text, "gateway_store_commits_total"));
    }

    /// <summary>The sum of a Prometheus counter over its label sets, only the writer's side (<c>side="write"</c>) when
    /// the counter has sides (the benchmark's own polling reads stay out of the figure); null when the node does not export it.</summary>
    private static double? Sum(string exposition, string name)
    {
        var samples = exposition.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{')
            .ToList();
        if (samples.Any(l => l.Contains("side=", StringComparison.Ordinal)))
        {
            samples = [.. samples.Where(l => l.Contains("side=\"write\"", StringComparison.Ordinal))];
        }

        return samples.Count == 0
            ? null
            : samples.Sum(l => double.Parse(l[(l.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}

/// <summary>A node's counters at one moment.</summary>
internal sealed record NodeSnapshot(TimeSpan Cpu, TimeSpan TierUpCpu, long? Fsyncs, double? Statements, double? Commits);
