using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Starts a KZ and a TM node on loopback and runs a scripted exchange between them.</summary>
/// <remarks>Usage: demo --data DIR [--base-port N] [--no-wait]. KZ listens on N+1..N+3, TM on N+101..N+103.</remarks>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Option(args, "--data") ?? throw new Cli.CliUsageException("demo: --data DIR is required (where the PKI, databases and logs go)."));
        var basePort = int.Parse(Option(args, "--base-port") ?? "5100", CultureInfo.InvariantCulture);
        var wait = !args.Contains("--no-wait");
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

        await using var kz = DemoNode.Start("KZ", basePort, basePort + 100, data, pki);
        await using var tm = DemoNode.Start("TM", basePort + 100, basePort, data, pki);
        Console.WriteLine("ClassifiedGateway demo: two nodes on loopback over mutual TLS, SQLite files in " + data);
        foreach (var node in new[] { kz, tm })
        {
            Console.WriteLine($"  {node.Code} node: party systems https://127.0.0.1:{node.LocalPort}, peer https://127.0.0.1:{node.PeerPort}, operators https://127.0.0.1:{node.OperatorPort} (log {node.Code.ToLowerInvariant()}.log)");
        }

        if (!await WaitReadyAsync([kz, tm], stop.Token))
        {
            Console.Error.WriteLine("The nodes did not start; see the logs in " + data);
            return 1;
        }

        await using var kzSystems = new AutoAcknowledger(kz.Party);
        await using var tmSystems = new AutoAcknowledger(tm.Party);
        var run = (await kz.Clock.GetTimeAsync(new GetTimeRequest(), cancellationToken: stop.Token)).Now.ToDateTimeOffset()
            .ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var script = new DemoScript(kz, tm, run);
        await script.RunAsync(stop.Token);
        Console.WriteLine();
        Console.WriteLine("Scripted exchange (stages as each sending node records them):");
        Console.WriteLine(await DemoReport.BuildAsync(script.Steps, stop.Token));

        Console.WriteLine("Advancing both nodes' clocks by 31 days (development clock control) ...");
        await script.AdvanceClocksAsync(TimeSpan.FromDays(31), stop.Token);
        Console.WriteLine(await DemoReport.ObligationsAsync(kz, stop.Token));

        if (!wait)
        {
            return 0;
        }

        Console.WriteLine("Dashboards (import an operator's certificate into the browser, password \"" + DevPki.BrowserBundlePassword
            + "\"; beside it: -operator-2.p12, a second operator for four-eyes approvals, and -observer.p12, who only reads):");
        foreach (var node in new[] { kz, tm })
        {
            Console.WriteLine($"  {node.Code}: https://127.0.0.1:{node.OperatorPort}/  with {Path.Combine(pki, node.Code.ToLowerInvariant(), node.Code.ToLowerInvariant() + "-operator.p12")}");
        }

        Console.WriteLine("Both nodes keep running. Press Ctrl+C to stop.");
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

    private static async Task<bool> WaitReadyAsync(DemoNode[] nodes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var node in nodes)
        {
            while (true)
            {
                if (node.HasExited || timeout.IsCancellationRequested)
                {
                    return false;
                }

                try
                {
                    await node.Operator.CountByStageAsync(new CountByStageRequest(), cancellationToken: timeout.Token);
                    break;
                }
                catch (RpcException) when (!timeout.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                }
            }
        }

        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
