using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Which replica of a Party holds the relay lease, as its operators see it: the X-Relay-Lease header of /healthz/ready
/// ("held" or "standby").</summary>
internal static class RelayLease
{
    public const string Header = "X-Relay-Lease";

    /// <summary>"held", "standby", or null when the replica does not answer (or does not say).</summary>
    public static async Task<string?> StateAsync(NodeSettings replica)
    {
        try
        {
            using var http = Metrics.OperatorHttp(replica);
            http.Timeout = TimeSpan.FromSeconds(2);
            using var ready = await http.GetAsync("/healthz/ready");
            return ready.Headers.TryGetValues(Header, out var values) ? values.FirstOrDefault() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until exactly one running replica of <paramref name="party"/> says it holds the lease; its index.</summary>
    public static async Task<int> HolderAsync(ReplicaCluster cluster, Party party, TimeSpan timeout)
    {
        var holder = -1;
        await Eventually.TrueAsync(async () =>
        {
            var states = await Task.WhenAll(Enumerable.Range(0, cluster.Replicas)
                .Select(async r => cluster.Running(party, r) is null ? null : await StateAsync(cluster.Settings(party, r))));
            var held = Enumerable.Range(0, states.Length).Where(r => states[r] == "held").ToList();
            holder = held.Count == 1 ? held[0] : -1;
            return holder >= 0;
        }, timeout, () => $"no single holder of {party}'s relay lease\n{cluster.Logs()}");
        return holder;
    }
}
