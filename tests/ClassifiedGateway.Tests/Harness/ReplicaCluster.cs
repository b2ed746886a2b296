using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>KZ and TM on PostgreSQL, each Party running N replicas: each replica its own process and ports, all of a Party's
/// replicas sharing its database (one per Party, created fresh) and its PKI; every replica knows all the other Party's replicas
/// (Gateway:PeerAddresses).</summary>
internal sealed class ReplicaCluster : IAsyncDisposable
{
    private readonly Dictionary<Party, NodeSettings[]> _settings;
    private readonly Dictionary<Party, NodeProcess?[]> _nodes;
    private readonly Dictionary<Party, TestDatabase> _databases;
    private readonly List<NodeProcess> _killed = [];

    private ReplicaCluster(string directory, Dictionary<Party, NodeSettings[]> settings, Dictionary<Party, TestDatabase> databases)
    {
        Directory = directory;
        _settings = settings;
        _databases = databases;
        _nodes = settings.ToDictionary(s => s.Key, s => new NodeProcess?[s.Value.Length]);
    }

    public string Directory { get; }

    public int Replicas => _settings[Party.Kz].Length;

    /// <summary>Creates both databases on <paramref name="server"/> (in tests: TestPostgres.RequireConnectionString(), which skips
    /// or fails without one) and every replica's settings; <paramref name="configure"/> may add settings before anything starts.</summary>
    public static async Task<ReplicaCluster> CreateAsync(string server, int replicas, Action<NodeSettings>? configure = null)
    {
        var kzDatabase = await TestDatabase.CreateAsync(server, "kz");
        TestDatabase? tmDatabase = null;
        try
        {
            tmDatabase = await TestDatabase.CreateAsync(server, "tm");
            var directory = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            ClassifiedGateway.Gateway.Security.DevPki.EnsureCreated(Path.Combine(directory, "pki"), TimeProvider.System);
            var settings = new Dictionary<Party, NodeSettings[]>
            {
                [Party.Kz] = Replicate(Party.Kz, replicas, directory, kzDatabase),
                [Party.Tm] = Replicate(Party.Tm, replicas, directory, tmDatabase),
            };
            foreach (var (party, own) in settings)
            {
                var others = settings[party == Party.Kz ? Party.Tm : Party.Kz];
                foreach (var node in own)
                {
                    node.OtherPeerPort = others[0].PeerPort;
                    node.OtherPeerPorts.AddRange(others.Select(o => o.PeerPort));
                    configure?.Invoke(node);
                }
            }

            return new ReplicaCluster(directory, settings, new() { [Party.Kz] = kzDatabase, [Party.Tm] = tmDatabase });
        }
        catch
        {
            await kzDatabase.DisposeAsync();
            if (tmDatabase is not null)
            {
                await tmDatabase.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Creates the cluster and starts every replica.</summary>
    public static async Task<ReplicaCluster> StartAsync(string server, int replicas, Action<NodeSettings>? configure = null)
    {
        var cluster = await CreateAsync(server, replicas, configure);
        try
        {
            await cluster.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts each Party's first replica (which migrates the empty database), then the others.</summary>
    public async Task StartAllAsync()
    {
        await Task.WhenAll(StartAsync(Party.Kz, 0), StartAsync(Party.Tm, 0));
        await Task.WhenAll(Enumerable.Range(1, Replicas - 1).SelectMany(r => new[] { StartAsync(Party.Kz, r), StartAsync(Party.Tm, r) }));
    }

    public NodeSettings Settings(Party party, int replica) => _settings[party][replica];

    /// <summary>The Party's database (Npgsql connection string), as verify-audit is given it.</summary>
    public string ConnectionString(Party party) => _databases[party].ConnectionString;

    public async Task StartAsync(Party party, int replica) => _nodes[party][replica] = await NodeProcess.StartAsync(Settings(party, replica));

    public NodeProcess Node(Party party, int replica) =>
        _nodes[party][replica] ?? throw new InvalidOperationException($"{Settings(party, replica).Name} is not running.");

    /// <summary>The replica if it runs, else null.</summary>
    public NodeProcess? Running(Party party, int replica) => _nodes[party][replica];

    /// <summary>The Party's running replicas.</summary>
    public IReadOnlyList<NodeProcess> RunningNodes(Party party) => [.. _nodes[party].OfType<NodeProcess>()];

    /// <summary>kill -9: the replica stops at once, as a crash or power loss would stop it.</summary>
    public async Task KillAsync(Party party, int replica)
    {
        if (_nodes[party][replica] is { } node)
        {
            _nodes[party][replica] = null;
            await node.KillAsync();
            _killed.Add(node);
        }
    }

    /// <summary>Every replica's output (the killed ones' too), for a failing assertion's message.</summary>
    public string Logs() => string.Join("\n", _settings.Values.SelectMany(s => s).Select(s =>
        $"--- {s.Name} ---\n{string.Join("\n", _killed.Concat(_nodes.Values.SelectMany(n => n).OfType<NodeProcess>()).Where(n => ReferenceEquals(n.Settings, s)).Select(n => n.Output))}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values.SelectMany(n => n).OfType<NodeProcess>().Concat(_killed))
        {
            await node.DisposeAsync();
        }

        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned by the OS.
        }
    }

    private static NodeSettings[] Replicate(Party party, int replicas, string directory, TestDatabase database) =>
    [
        .. Enumerable.Range(0, replicas).Select(r => new NodeSettings(party, FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), directory)
        {
            Replica = r,
            PostgresConnectionString = database.ConnectionString,
        }),
    ];
}
