using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Starts a KZ and a TM node on loopback and runs a scripted exchange between them.</summary>
/// <remarks>Usage: demo --data DIR [--base-port N] [--postgres CS [--replicas R]] [--no-wait]. KZ listens on N+1..N+3, TM on
/// N+101..N+103 (replica r: 10*r more).</remarks>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Option(args, "--data") ?? throw new Cli.CliUsageException("demo: --data DIR is required (where the PKI, databases and logs go)."));
        var basePort = int.Parse(Option(args, "--base-port") ?? "5100", CultureInfo.InvariantCulture);
        var wait = !args.Contains("--no-wait");
        var storage = DemoStorage.FromArguments(Option(args, "--postgres"), Option(args, "--replicas"));
        Directory.CreateDirectory(data);

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var pki = Path.Combine(data, "pki");
        if (DevPki.EnsureCreated(pki, TimeProvider.System))
        {
            Console.WriteLine($"Created a development PKI in {pki} (a CA per Party; node, competent body, authorized body, operator and observer certificates).");
        }

        var (kzDatabase, tmDatabase) = storage.OnPostgres
            ? (await storage.EnsureDatabaseAsync("KZ", stop.Token), await storage.EnsureDatabaseAsync("TM", stop.Token))
            : (null, null);
        var (cluster, ready) = await DemoCluster.StartAsync(basePort, storage.Replicas, data, pki, kzDatabase, tmDatabase, stop.Token);
        await using var nodes = cluster;
        var kz = cluster.Kz[0];
        Console.WriteLine(storage.OnPostgres
            ? $"ClassifiedGateway demo: {storage.Replicas} replica(s) per Party on loopback over mutual TLS, each Party's on its PostgreSQL database ({DemoStorage.DatabaseName("KZ")}, {DemoStorage.DatabaseName("TM")}); PKI and logs in {data}"
            : "ClassifiedGateway demo: two nodes on loopback over mutual TLS, SQLite files in " + data);
        foreach (var node in cluster.All)
        {
            Console.WriteLine($"  {node.Name} node: party systems https://127.0.0.1:{node.LocalPort}, peer https://127.0.0.1:{node.PeerPort}, operators https://127.0.0.1:{node.OperatorPort} (log {node.Name.ToLowerInvariant()}.log)");
        }

        if (!ready)
        {
            Console.Error.WriteLine("The nodes did not start; see the logs in " + data);
            return 1;
        }

        // Each Party's receiving systems read from its last replica: with several, what another replica stored reaches them too.
        await using var kzSystems = new AutoAcknowledger(cluster.Kz[^1].Party);
        await using var tmSystems = new AutoAcknowledger(cluster.Tm[^1].Party);
        var run = (await kz.Clock.GetTimeAsync(new GetTimeRequest(), cancellationToken: stop.Token)).Now.ToDateTimeOffset()
            .ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var script = new DemoScript(cluster.Kz, cluster.Tm, run);
        await script.RunAsync(stop.Token);
        Console.WriteLine();
        Console.WriteLine("Scripted exchange (stages as each sending node records them):");
        Console.WriteLine(await DemoReport.BuildAsync(script.Steps, stop.Token));

        Console.WriteLine(storage.OnPostgres
            ? "Advancing every replica's clock by 31 days (development clock control) ..."
            : "Advancing both nodes' clocks by 31 days (development clock control) ...");
        await script.AdvanceClocksAsync(TimeSpan.FromDays(31), stop.Token);
        Console.WriteLine(await DemoReport.ObligationsAsync(kz, stop.Token));

        if (!wait)
        {
            return 0;
        }

        Console.WriteLine("Dashboards (import an operator's certificate into the browser, password \"" + DevPki.BrowserBundlePassword
            + "\"; beside it: -operator-2.p12, a second operator for four-eyes approvals, and -observer.p12, who only reads):");
        foreach (var node in cluster.All)
        {
            Console.WriteLine($"  {node.Name}: https://127.0.0.1:{node.OperatorPort}/  with {Path.Combine(pki, node.Code.ToLowerInvariant(), node.Code.ToLowerInvariant() + "-operator.p12")}");
        }

        Console.WriteLine(storage.OnPostgres ? "All replicas keep running. Press Ctrl+C to stop." : "Both nodes keep running. Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
