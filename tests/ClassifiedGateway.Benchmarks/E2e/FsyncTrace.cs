using System.Diagnostics;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>Counts a node's fsync and fdatasync calls exactly: the node runs under
/// <c>strace -f --seccomp-bpf -e trace=fsync,fdatasync</c>, which stops the process only on those two calls and writes
/// one line per call to a log as it happens; the count is the log's lines.</summary>
internal sealed class FsyncTrace(string log)
{
    public static bool Available()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("strace", ["-f", "--seccomp-bpf", "-qq", "-e", "trace=fsync", "-o", "/dev/null", "true"])
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
    public IEnumerable<string> Wrapper() =>
        ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=fsync,fdatasync", "-e", "signal=none", "-o", log];

    public long Count()
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        long calls = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("fsync(", StringComparison.Ordinal) || line.Contains("fdatasync(", StringComparison.Ordinal))
            {
                calls++;
            }
        }

        return calls;
    }

    /// <summary>The process strace started (its only child).</summary>
    public static int ChildOf(int stracePid)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var children = File.ReadAllText($"/proc/{stracePid}/task/{stracePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length == 1)
            {
                return int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture);
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"strace ({stracePid}) has no single child process.");
    }
}
