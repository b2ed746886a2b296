using System.Diagnostics;
using System.Reflection;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>One run of the real binary's command line: its exit code and what it wrote, in a working directory of the test's choosing.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Gateway { get; } = typeof(CliRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GatewayAssembly").Value!;

    /// <summary>The lines written to stderr, blank ones dropped.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    public static async Task<CliRun> RunAsync(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Gateway);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Nothing of the test runner's own configuration leaks in; Production unless a case says otherwise.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Timeout);
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
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within {Timeout.TotalSeconds} s.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
