using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>One run's nodes: a KZ and a TM node on SQLite files (the pair the tests use), or on PostgreSQL each Party's replicas
/// on a fresh database of its own (the tests' replica cluster).</summary>
internal sealed class E2eNodes : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private E2eNodes(IReadOnlyList<NodeProcess> kz, IReadOnlyList<NodeProcess> tm, IAsyncDisposable owner)
    {
        Kz = kz;
        Tm = tm;
        _owner = owner;
    }

    public IReadOnlyList<NodeProcess> Kz { get; }

    public IReadOnlyList<NodeProcess> Tm { get; }

    public static async Task<E2eNodes> StartAsync(E2eOptions options, Action<NodeSettings> configure)
    {
        if (options.Engine == "sqlite")
        {
            var pair = await NodePair.StartAsync(configure);
            return new E2eNodes([pair.KzNode], [pair.TmNode], pair);
        }

        var cluster = await ReplicaCluster.StartAsync(options.Postgres!, options.Replicas, configure);
        return new E2eNodes(cluster.RunningNodes(Contracts.V1.Party.Kz), cluster.RunningNodes(Contracts.V1.Party.Tm), cluster);
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
