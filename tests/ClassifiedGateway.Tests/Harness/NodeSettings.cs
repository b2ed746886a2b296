using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>What a test node is started with; kept so the node can be restarted on the same data and ports.</summary>
internal sealed record NodeSettings(Party Party, int LocalPort, int PeerPort, int OperatorPort, string DataDirectory)
{
    public int OtherPeerPort { get; set; }

    /// <summary>Which replica of its Party's node this is (0: the first, or the only one).</summary>
    public int Replica { get; init; }

    /// <summary>The Party's PostgreSQL database, shared by all its replicas; null: the node's own SQLite file.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The other Party's replicas' peer ports, in the order the node tries them (Gateway:PeerAddresses); empty: the one
    /// <see cref="OtherPeerPort"/> (Gateway:PeerAddress).</summary>
    public List<int> OtherPeerPorts { get; } = [];

    public Dictionary<string, string> Extra { get; } = [];

    /// <summary>A command the node is started under (e.g. <c>strace ...</c> in the e2e benchmark), its arguments first; empty: none.</summary>
    public List<string> Wrapper { get; } = [];

    /// <summary>The node's hosting environment (Development unless a test needs Production's behaviour).</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Passes the development PKI's body registry on the command line, as Production (which has no
    /// appsettings.Development.json) requires.</summary>
    public void AddBodyRegistry()
    {
        string[] kz = ["kz-knb", "kz-ab-1", "kz-ab-2"];
        string[] tm = ["tm-mns", "tm-ab-1", "tm-ab-2"];
        for (var i = 0; i < kz.Length; i++)
        {
            Extra[$"Gateway:Bodies:KZ:{i}"] = kz[i];
            Extra[$"Gateway:Bodies:TM:{i}"] = tm[i];
        }
    }

    /// <summary>KZ, TM; KZ-2, TM-2 ... for further replicas.</summary>
    public string Name => Replica == 0 ? Code : $"{Code}-{Replica + 1}";

    /// <summary>The SQLite file; on PostgreSQL the stem of this replica's own files (checkpoint log, faults).</summary>
    public string DatabasePath => Path.Combine(DataDirectory, $"{Name}.db");

    /// <summary>The development PKI both nodes of the pair use (kz/, tm/).</summary>
    public string Pki => Path.Combine(DataDirectory, "pki");

    /// <summary>This Party's folder of the PKI.</summary>
    public string Own => Path.Combine(Pki, Code.ToLowerInvariant());

    /// <summary>The other Party's folder of the PKI.</summary>
    public string Other => Path.Combine(Pki, Party == Party.Kz ? "tm" : "kz");

    public string Code => Party == Party.Kz ? "KZ" : "TM";

    public static NodeSettings Create(Party party, string dataDirectory) =>
        new(party, FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), dataDirectory);

    public IEnumerable<string> Arguments()
    {
        yield return "node";
        yield return $"--Gateway:Party={Code}";
        if (OtherPeerPorts.Count == 0)
        {
            yield return $"--Gateway:PeerAddress=https://127.0.0.1:{OtherPeerPort}";
        }

        for (var i = 0; i < OtherPeerPorts.Count; i++)
        {
            yield return $"--Gateway:PeerAddresses:{i}=https://127.0.0.1:{OtherPeerPorts[i]}";
        }

        yield return $"--Gateway:Endpoints:Local=https://127.0.0.1:{LocalPort}";
        yield return $"--Gateway:Endpoints:Peer=https://127.0.0.1:{PeerPort}";
        yield return $"--Gateway:Endpoints:Operator=https://127.0.0.1:{OperatorPort}";
        yield return $"--Gateway:Tls:NodeCertificate={Path.Combine(Own, "node.crt")}";
        yield return $"--Gateway:Tls:NodeKey={Path.Combine(Own, "node.key")}";
        yield return $"--Gateway:Tls:PartyCa={Path.Combine(Own, "ca.crt")}";
        yield return $"--Gateway:Tls:PeerCa={Path.Combine(Other, "ca.crt")}";
        yield return $"--Gateway:Tls:PeerNodeCertificate={Path.Combine(Other, "node.crt")}";
        yield return "--Gateway:Audit:CheckpointInterval=00:00:00.500";
        yield return "--Gateway:Tls:CheckInterval=00:00:00.300";
        if (PostgresConnectionString is null)
        {
            yield return $"--Gateway:Storage:Sqlite:Path={DatabasePath}";
        }
        else
        {
            yield return "--Gateway:Storage:Engine=Postgres";
            yield return $"--Gateway:Storage:Postgres:ConnectionString={PostgresConnectionString}";
        }

        yield return $"--Gateway:Audit:CheckpointLog={DatabasePath}.checkpoints";
        yield return "--Gateway:Relay:RetryBaseDelay=00:00:00.050";
        yield return "--Gateway:Relay:RetryMaxDelay=00:00:00.500";
        yield return "--Gateway:Relay:FailureBackoff=00:00:00.200";
        yield return "--Gateway:Relay:BreakDuration=00:00:00.500";
        yield return "--Gateway:Relay:AttemptTimeout=00:00:05";
        yield return "--Gateway:Policy:OverdueScanInterval=00:00:00.200";
        foreach (var (key, value) in Extra)
        {
            yield return $"--{key}={value}";
        }
    }
}
