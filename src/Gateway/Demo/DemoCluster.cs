using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>The demo's nodes: one per Party on SQLite, or each Party's replicas on its PostgreSQL database. Replica r of KZ listens
/// on base+10r+1..3, of TM on base+100+10r+1..3; each node relays to all the other Party's replicas.</summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private DemoCluster(IReadOnlyList<DemoNode> kz, IReadOnlyList<DemoNode> tm)
    {
        Kz = kz;
        Tm = tm;
    }

    public IReadOnlyList<DemoNode> Kz { get; }

    public IReadOnlyList<DemoNode> Tm { get; }

    public IEnumerable<DemoNode> All => Kz.Concat(Tm);

    /// <summary>Starts every node and waits until each answers; false when one did not (its log says why). Each Party's first
    /// replica starts alone, so that it alone migrates an empty database; the others start once it answers.</summary>
    public static async Task<(DemoCluster Cluster, bool Ready)> StartAsync(
        int basePort, int replicas, string data, string pki, string? kzDatabase, string? tmDatabase, CancellationToken cancellationToken)
    {
        int[] kzBases = [.. Enumerable.Range(0, replicas).Select(r => basePort + (10 * r))];
        int[] tmBases = [.. kzBases.Select(b => b + 100)];
        var kz = new List<DemoNode>();
        var tm = new List<DemoNode>();
        var cluster = new DemoCluster(kz, tm);
        var ready = true;
        for (var r = 0; r < replicas && ready; r++)
        {
            kz.Add(DemoNode.Start("KZ", r, kzBases[r], [.. tmBases.Select(b => b + 2)], data, pki, kzDatabase));
            tm.Add(DemoNode.Start("TM", r, tmBases[r], [.. kzBases.Select(b => b + 2)], data, pki, tmDatabase));
            ready = await WaitReadyAsync([kz[r], tm[r]], cancellationToken);
        }

        return (cluster, ready);
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

    public async ValueTask DisposeAsync()
    {
        foreach (var node in All)
        {
            await node.DisposeAsync();
        }
    }
}
