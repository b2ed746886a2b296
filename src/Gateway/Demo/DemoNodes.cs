using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Grpc.Net.Client;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>One node of the demo pair: this same binary started as a child process, its log in the data folder.</summary>
internal sealed class DemoNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private DemoNode(string code, int replica, int basePort, Process process, StreamWriter log, string pki)
    {
        Code = code;
        Replica = replica;
        BasePort = basePort;
        _process = process;
        _log = log;
        var own = Path.Combine(pki, code.ToLowerInvariant());
        var competentBody = code == "KZ" ? "kz-knb" : "tm-mns";
        Channel = TlsChannels.Create($"https://127.0.0.1:{LocalPort}", Path.Combine(own, competentBody + ".crt"), Path.Combine(own, competentBody + ".key"), Path.Combine(own, "ca.crt"));
        var operatorName = $"{code.ToLowerInvariant()}-operator";
        OperatorChannel = TlsChannels.Create($"https://127.0.0.1:{OperatorPort}", Path.Combine(own, operatorName + ".crt"), Path.Combine(own, operatorName + ".key"), Path.Combine(own, "ca.crt"));
        Party = new PartyGatewayService.PartyGatewayServiceClient(Channel);
        Operator = new OperatorService.OperatorServiceClient(OperatorChannel);
        Clock = new DevClockService.DevClockServiceClient(Channel);
    }

    public string Code { get; }

    /// <summary>Which replica of its Party this is (0: the first, or the only one).</summary>
    public int Replica { get; }

    /// <summary>KZ, TM; KZ-2, TM-2 ... for further replicas.</summary>
    public string Name => Replica == 0 ? Code : $"{Code}-{Replica + 1}";

    public int BasePort { get; }

    public int LocalPort => BasePort + 1;

    public int PeerPort => BasePort + 2;

    public int OperatorPort => BasePort + 3;

    public GrpcChannel Channel { get; }

    public GrpcChannel OperatorChannel { get; }

    public PartyGatewayService.PartyGatewayServiceClient Party { get; }

    public OperatorService.OperatorServiceClient Operator { get; }

    public DevClockService.DevClockServiceClient Clock { get; }

    /// <summary>Starts one node (replica <paramref name="replica"/> of its Party) that relays to the other Party's peer
    /// listeners; on SQLite when <paramref name="postgres"/> is null, else on that PostgreSQL database.</summary>
    public static DemoNode Start(string code, int replica, int basePort, IReadOnlyList<int> otherPeerPorts, string dataDirectory, string pki, string? postgres)
    {
        var file = (replica == 0 ? code : $"{code}-{replica + 1}").ToLowerInvariant();
        var own = Path.Combine(pki, code.ToLowerInvariant());
        var other = Path.Combine(pki, code == "KZ" ? "tm" : "kz");
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DemoNode).Assembly.Location);
        }

        foreach (var argument in new[]
        {
            "node",
            $"--Gateway:Party={code}",
            $"--Gateway:Endpoints:Local=https://127.0.0.1:{basePort + 1}",
            $"--Gateway:Endpoints:Peer=https://127.0.0.1:{basePort + 2}",
            $"--Gateway:Endpoints:Operator=https://127.0.0.1:{basePort + 3}",
            $"--Gateway:Tls:NodeCertificate={Path.Combine(own, "node.crt")}",
            $"--Gateway:Tls:NodeKey={Path.Combine(own, "node.key")}",
            $"--Gateway:Tls:PartyCa={Path.Combine(own, "ca.crt")}",
            $"--Gateway:Tls:PeerCa={Path.Combine(other, "ca.crt")}",
            $"--Gateway:Tls:PeerNodeCertificate={Path.Combine(other, "node.crt")}",
            $"--Gateway:Audit:CheckpointLog={Path.Combine(dataDirectory, file + ".db.checkpoints")}",
        }.Concat(PeerArguments(otherPeerPorts)).Concat(StorageArguments(postgres, Path.Combine(dataDirectory, file + ".db"))))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        if (postgres is not null)
        {
            // In the environment, not the command line, where any local user's ps would show a password it may hold.
            start.Environment["Gateway__Storage__Postgres__ConnectionString"] = postgres;
        }

        var log = new StreamWriter(Path.Combine(dataDirectory, file + ".log"), append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {code} node.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DemoNode(code, replica, basePort, process, log, pki);
    }

    /// <summary>One other node: its address as before; several replicas: each one's, tried in order.</summary>
    private static IEnumerable<string> PeerArguments(IReadOnlyList<int> ports) => ports.Count == 1
        ? [$"--Gateway:PeerAddress=https://127.0.0.1:{ports[0]}"]
        : ports.Select((port, i) => $"--Gateway:PeerAddresses:{i}=https://127.0.0.1:{port}");

    private static IEnumerable<string> StorageArguments(string? postgres, string sqliteFile) => postgres is null
        ? [$"--Gateway:Storage:Sqlite:Path={sqliteFile}"]
        : ["--Gateway:Storage:Engine=Postgres"];

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Channel.Dispose();
        OperatorChannel.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
