using System.Diagnostics;
using System.Reflection;
using System.Text;
using ClassifiedGateway.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ClassifiedGateway.Gateway.Security;
using Grpc.Net.Client;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A real gateway node: the built binary in its own process, on loopback ports.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly GrpcChannel _local;
    private readonly GrpcChannel _peer;
    private readonly GrpcChannel _operator;

    private NodeProcess(NodeSettings settings, Process process)
    {
        Settings = settings;
        _process = process;
        var competentBody = settings.Party == Contracts.V1.Party.Kz ? Notices.KzCompetentBody : Notices.TmCompetentBody;
        _local = Channel(settings.LocalPort, Path.Combine(settings.Own, competentBody));
        _peer = Channel(settings.PeerPort, Path.Combine(settings.Other, "node"));
        _operator = Channel(settings.OperatorPort, Path.Combine(settings.Own, $"{settings.Code.ToLowerInvariant()}-operator"));
        Party = new PartyGatewayService.PartyGatewayServiceClient(Bounded(_local));
        Clock = new DevClockService.DevClockServiceClient(Bounded(_local));
        PeerService = new PeerRelayService.PeerRelayServiceClient(Bounded(_peer));
        Operator = new OperatorService.OperatorServiceClient(Bounded(_operator));
    }

    public NodeSettings Settings { get; }

    /// <summary>The started process (the wrapper's, when <see cref="NodeSettings.Wrapper"/> names one).</summary>
    public int ProcessId => _process.Id;

    /// <summary>A channel to one of this node's listeners presenting the certificate at <paramref name="certificate"/>(.crt/.key).</summary>
    public GrpcChannel Channel(int port, string certificate) =>
        TlsChannels.Create($"https://127.0.0.1:{port}", certificate + ".crt", certificate + ".key", Path.Combine(Settings.Own, "ca.crt"));

    /// <summary>The Party service as one of this Party's bodies (kz-ab-1, kz-operator, ...) would call it.</summary>
    public PartyGatewayService.PartyGatewayServiceClient PartyAs(string body) =>
        new(Bounded(Channel(Settings.LocalPort, Path.Combine(Settings.Own, body))));

    private static CallInvoker Bounded(GrpcChannel channel) => channel.Intercept(new UnaryDeadline(UnaryDeadline.Default));

    public PartyGatewayService.PartyGatewayServiceClient Party { get; }

    public DevClockService.DevClockServiceClient Clock { get; }

    /// <summary>This node's peer listener, as the other node (or an impostor) would call it.</summary>
    public PeerRelayService.PeerRelayServiceClient PeerService { get; }

    public OperatorService.OperatorServiceClient Operator { get; }

    /// <summary>Everything the node wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<NodeProcess> StartAsync(NodeSettings settings)
    {
        var gateway = typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GatewayAssembly").Value!;
        var start = new ProcessStartInfo(settings.Wrapper.Count > 0 ? settings.Wrapper[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(gateway)!,
        };
        if (settings.Wrapper.Count > 0)
        {
            foreach (var argument in settings.Wrapper.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(gateway);
        foreach (var argument in settings.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = settings.Environment;
        start.Environment["DOTNET_ENVIRONMENT"] = settings.Environment;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The node did not start.");
        var node = new NodeProcess(settings, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Asks the node to stop as a service manager would (SIGTERM: a graceful shutdown); does not wait for it to exit.</summary>
    public void Terminate()
    {
        using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
    }

    /// <summary>Stops the process at once: no graceful shutdown, no flush, as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _local.Dispose();
        _peer.Dispose();
        _operator.Dispose();
    }

    private static DateTime Soon() => TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        await Eventually.SucceedsAsync(async () =>
        {
            if (_process.HasExited)
            {
                // Waits for the redirected output to be read to its end too, so the message below holds the node's last words.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"Node {Settings.Code} exited with {_process.ExitCode}:\n{Output}");
            }

            await Operator.CountByStageAsync(new CountByStageRequest(), deadline: Soon());
        }, StartTimeout, e => e is RpcException or HttpRequestException, () => $"Node {Settings.Code} did not become ready:\n{Output}");
    }
}
