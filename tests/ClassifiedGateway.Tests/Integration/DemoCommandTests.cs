using System.Diagnostics;
using System.Reflection;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The README's main job: the demo starts both nodes and prints every stage of the scripted exchange.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_runs_the_scripted_exchange_and_prints_each_stage()
    {
        var gateway = typeof(DemoCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GatewayAssembly").Value!;
        var data = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
        var basePort = 10_000 + Random.Shared.Next(0, 99) * 100;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { gateway, "demo", "--no-wait", "--data", data, "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;

        Assert.True(process.ExitCode == 0, text + await errors);
        Assert.Contains("VISIT_REQUEST_TOO_LATE — Art. 9.2: a visit on", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "now: ANSWERED"));
        Assert.Equal(3, CountOf(text, "now: ACKNOWLEDGED"));
        Assert.Equal(2, CountOf(text, "now: REFUSED"));
        Assert.Contains("TRANSFER_NEEDS_CLEARANCE — Art. 5.1", text, StringComparison.Ordinal);
        Assert.Contains("FLAGGED       BREACH_NOTIFICATION_LATE: Art. 11", text, StringComparison.Ordinal);
        Assert.Contains("OVERDUE Art. 11  INVESTIGATION_RESULT_DUE", text, StringComparison.Ordinal);
        Assert.Contains("(policy, not treaty text)", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "kz.db")));
        Assert.True(File.Exists(Path.Combine(data, "tm.db")));
        Assert.DoesNotContain("(passport)", await File.ReadAllTextAsync(Path.Combine(data, "kz.log")), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
