using System.Diagnostics;
using System.Reflection;
using ClassifiedGateway.Tests.Harness;

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
        var output = await RunAsync("--callers", "1", "--mode", mode);
        // The run's row: 1 caller, run 1, ..., 20 notices accepted; then the verification line.
        var row = output.Split('\n').Single(l => l.StartsWith("| 1 | 1 |", StringComparison.Ordinal));
        Assert.Equal("20", row.Split('|', StringSplitOptions.TrimEntries)[^3]);
        Assert.Contains("verified: every accepted notice reached ACKNOWLEDGED at KZ", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task On_PostgreSQL_two_callers_over_two_KZ_replicas_all_acknowledged_with_the_server_costs()
    {
        var output = await RunAsync("--callers", "2", "--engine", "postgres", "--replicas", "2", "--postgres", TestPostgres.RequireConnectionString());

        Assert.Contains("PostgreSQL, 2 replica(s) per Party", output, StringComparison.Ordinal);
        var cells = output.Split('\n').Single(l => l.StartsWith("| 2 | 1 |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal("20", cells[^3]);
        // The server's column: its CPU and WAL syncs per notice, measured (each notice is committed at both Parties).
        var walSyncs = double.Parse(cells[^4].Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(walSyncs > 0, cells[^4]);
        Assert.Contains("verified: every accepted notice reached ACKNOWLEDGED at KZ", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Benchmarks, "e2e", "--max-notices", "20", "--seconds", "60", "--prime", "0", "--fsyncs", "off", "--drain-seconds", "60" }.Concat(arguments))
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
        return output;
    }
}
