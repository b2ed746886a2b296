using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>What a test node is started with; kept so the node can be restarted on the same data and ports.</summary>
internal sealed record NodeSettings(Party Party, int LocalPort, int PeerPort, int OperatorPort, string DataDirectory)
{
    public int OtherPeerPort { get; set; }

    public Dictionary<string, string> Extra { get; } = [];

    public string DatabasePath => Path.Combine(DataDirectory, $"{Code}.db");

    public string Code => Party == Party.Kz ? "KZ" : "TM";

    public static NodeSettings Create(Party party, string dataDirectory) =>
        new(party, FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), dataDirectory);

    public IEnumerable<string> Arguments()
    {
        yield return "node";
        yield return $"--Gateway:Party={Code}";
        yield return $"--Gateway:PeerAddress=http://127.0.0.1:{OtherPeerPort}";
        yield return $"--Gateway:Endpoints:Local=http://127.0.0.1:{LocalPort}";
        yield return $"--Gateway:Endpoints:Peer=http://127.0.0.1:{PeerPort}";
        yield return $"--Gateway:Endpoints:Operator=http://127.0.0.1:{OperatorPort}";
        yield return $"--Gateway:Storage:SqlitePath={DatabasePath}";
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
