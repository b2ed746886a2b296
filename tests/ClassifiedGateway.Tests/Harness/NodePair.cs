using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A KZ node and a TM node relaying to each other on loopback, each with its own SQLite file.</summary>
internal sealed class NodePair : IAsyncDisposable
{
    private NodePair(NodeSettings kz, NodeSettings tm, string directory)
    {
        KzSettings = kz;
        TmSettings = tm;
        Directory = directory;
    }

    public NodeSettings KzSettings { get; }

    public NodeSettings TmSettings { get; }

    public string Directory { get; }

    public NodeProcess? Kz { get; private set; }

    public NodeProcess? Tm { get; private set; }

    /// <summary>Creates the pair's settings; <paramref name="configure"/> may add settings before anything starts.</summary>
    public static NodePair Create(Action<NodeSettings>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        ClassifiedGateway.Gateway.Security.DevPki.EnsureCreated(Path.Combine(directory, "pki"), TimeProvider.System);
        var kz = NodeSettings.Create(Party.Kz, directory);
        var tm = NodeSettings.Create(Party.Tm, directory);
        kz.OtherPeerPort = tm.PeerPort;
        tm.OtherPeerPort = kz.PeerPort;
        configure?.Invoke(kz);
        configure?.Invoke(tm);
        return new NodePair(kz, tm, directory);
    }

    public static async Task<NodePair> StartAsync(Action<NodeSettings>? configure = null)
    {
        var pair = Create(configure);
        try
        {
            await Task.WhenAll(pair.StartKzAsync(), pair.StartTmAsync());
        }
        catch
        {
            // One node failed to start: do not leave the other one running after the test.
            await pair.DisposeAsync();
            throw;
        }

        return pair;
    }

    public async Task StartKzAsync() => Kz = await NodeProcess.StartAsync(KzSettings);

    public async Task StartTmAsync() => Tm = await NodeProcess.StartAsync(TmSettings);

    public NodeProcess KzNode => Kz ?? throw new InvalidOperationException("KZ is not running.");

    public NodeProcess TmNode => Tm ?? throw new InvalidOperationException("TM is not running.");

    public async ValueTask DisposeAsync()
    {
        if (Kz is not null)
        {
            await Kz.DisposeAsync();
        }

        if (Tm is not null)
        {
            await Tm.DisposeAsync();
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

    /// <summary>Both nodes' output, for a failing assertion's message.</summary>
    public string Logs() => $"--- KZ ---\n{Kz?.Output}\n--- TM ---\n{Tm?.Output}";
}
