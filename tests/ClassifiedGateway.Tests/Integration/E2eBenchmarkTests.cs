using System.Diagnostics;
using System.Reflection;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The e2e benchmark, run tiny, so it never rots: its exit code and its verified count are what it promises.</summary>
public sealed class E2eBenchmarkTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static string Benchmarks { get; } = typeof(E2eBenchmarkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BenchmarksAssembly").Value!;

    [Theory]
    [InlineData("unary")]
    [InlineData("streaming")]
    public async Task One_caller_twenty_notices_all_acknowledged_and_the_run_says_so(string mode)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Benchmarks, "e2e", "--callers", "1", "--max-notices", "20", "--seconds", "60", "--prime", "0", "--fsyncs", "off", "--drain-seconds", "60", "--mode", mode })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"The e2e benchmark did not end within {Limit.TotalSeconds} s.");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        // The run's row: 1 caller, run 1, ..., 20 notices accepted; then the verification line.
        var row = output.Split('\n').Single(l => l.StartsWith("| 1 | 1 |", StringComparison.Ordinal));
        Assert.Equal("20", row.Split('|', StringSplitOptions.TrimEntries)[^3]);
        Assert.Contains("verified: every accepted notice reached ACKNOWLEDGED at KZ", output, StringComparison.Ordinal);
    }
}
