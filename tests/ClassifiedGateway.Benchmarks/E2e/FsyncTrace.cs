using System.Diagnostics;
using System.Globalization;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>Counts a node's fsync and fdatasync calls exactly, in the kernel: the node runs under
/// <c>perf stat -I 100 -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync</c>, whose tracepoint counters (inherited by
/// every thread) cost the node nothing measurable, and which writes each 100 ms interval's counts to a log; the count is
/// their sum. (Until this, strace counted them: even with <c>--seccomp-bpf</c> a ptrace'd node cost ~10 % more CPU per
/// notice and gave ~15 % fewer acked/s at 16 unary callers; docs/performance.md.)</summary>
internal sealed class FsyncTrace(string log)
{
    private static readonly string[] Events = ["-e", "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync"];

    /// <summary>Whether perf is installed and may count syscall tracepoints here (Debian: <c>apt-get install linux-perf</c>;
    /// tracepoints need root or <c>kernel.perf_event_paranoid</c> ≤ -1 and a readable tracefs).</summary>
    public static bool Available()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("perf", ["stat", "-x,", .. Events, "-o", "/dev/null", "true"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (probe is null || !probe.WaitForExit(10_000))
            {
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The wrapper a node is started under.</summary>
    public IEnumerable<string> Wrapper() => ["perf", "stat", "-I", "100", "-x,", .. Events, "-o", log, "--"];

    /// <summary>The calls counted so far (up to the last whole 100 ms interval).</summary>
    public long Count()
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        long calls = 0;
        while (reader.ReadLine() is { } line)
        {
            // "     0.100166178,2,,syscalls:sys_enter_fsync,85592675,100.00,,": the interval's end, its count, ...
            var fields = line.Split(',');
            if (fields.Length > 3 && fields[3].StartsWith("syscalls:sys_enter_f", StringComparison.Ordinal)
                && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                calls += count;
            }
        }

        return calls;
    }

    /// <summary>The process perf started (its only child).</summary>
    public static int ChildOf(int wrapperPid)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var children = File.ReadAllText($"/proc/{wrapperPid}/task/{wrapperPid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length == 1)
            {
                return int.Parse(children[0], CultureInfo.InvariantCulture);
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"perf ({wrapperPid}) has no single child process.");
    }
}
