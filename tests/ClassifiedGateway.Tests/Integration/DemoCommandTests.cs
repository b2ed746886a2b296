using System.Diagnostics;
using System.Reflection;
using ClassifiedGateway.Tests.Harness;
using Npgsql;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The README's two commands: the demo starts the nodes (on SQLite, or two replicas per Party on PostgreSQL) and prints
/// every stage of the scripted exchange.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_runs_the_scripted_exchange_and_prints_each_stage()
    {
        var data = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
        var (code, text, errors) = await RunDemoAsync(data);

        Assert.True(code == 0, text + errors);
        AssertScriptedExchange(text);
        Assert.True(File.Exists(Path.Combine(data, "kz.db")));
        Assert.True(File.Exists(Path.Combine(data, "tm.db")));
        Assert.DoesNotContain("(passport)", await File.ReadAllTextAsync(Path.Combine(data, "kz.log")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_demo_on_PostgreSQL_runs_the_same_exchange_through_two_replicas_per_Party_and_each_audit_chain_verifies()
    {
        var server = TestPostgres.RequireConnectionString();
        string[] databases = ["classified_gateway_kz", "classified_gateway_tm"];
        await DropAsync(server, databases);
        var data = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (code, text, errors) = await RunDemoAsync(data, "--postgres", server, "--replicas", "2");

            Assert.True(code == 0, text + errors);
            AssertScriptedExchange(text);
            Assert.Contains("KZ-2 node: party systems", text, StringComparison.Ordinal);
            Assert.Contains("TM-2 node: party systems", text, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, "kz.db")), "the PostgreSQL demo wrote a SQLite file");
            foreach (var (party, database) in new[] { ("kz", databases[0]), ("tm", databases[1]) })
            {
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
                var verdict = await CliRun.RunAsync(data, ["verify-audit", "--postgres", connection, "--node-cert", Path.Combine(data, "pki", party, "node.crt")]);
                Assert.True(verdict.ExitCode == 0, $"{party}: {verdict.Stdout}{verdict.Stderr}");
                Assert.DoesNotContain("(passport)", await File.ReadAllTextAsync(Path.Combine(data, party + "-2.log")), StringComparison.Ordinal);
            }
        }
        finally
        {
            await DropAsync(server, databases);
        }
    }

    private static void AssertScriptedExchange(string text)
    {
        Assert.Contains("VISIT_REQUEST_TOO_LATE — Art. 9.2: a visit on", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "now: ANSWERED"));
        Assert.Equal(3, CountOf(text, "now: ACKNOWLEDGED"));
        Assert.Equal(2, CountOf(text, "now: REFUSED"));
        Assert.Contains("TRANSFER_NEEDS_CLEARANCE — Art. 5.1", text, StringComparison.Ordinal);
        Assert.Contains("FLAGGED       BREACH_NOTIFICATION_LATE: Art. 11", text, StringComparison.Ordinal);
        Assert.Contains("OVERDUE Art. 11  INVESTIGATION_RESULT_DUE", text, StringComparison.Ordinal);
        Assert.Contains("(policy, not treaty text)", text, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> RunDemoAsync(string data, params string[] more)
    {
        var gateway = typeof(DemoCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GatewayAssembly").Value!;
        var basePort = 10_000 + Random.Shared.Next(0, 99) * 100;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { gateway, "demo", "--no-wait", "--data", data, "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(more))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static async Task DropAsync(string server, IEnumerable<string> databases)
    {
        foreach (var database in databases)
        {
            await TestDatabase.AdminAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
