using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.Replicas;

/// <summary>The pair of nodes as real processes on PostgreSQL (a database per Party): the whole life of a notice, and each
/// Party's audit chain verified from its database by verify-audit.</summary>
public sealed class PostgresPairTests
{
    [SkippableFact]
    public async Task One_replica_per_Party_on_PostgreSQL_relays_delivers_acknowledges_in_order_and_both_audit_chains_verify()
    {
        await using var cluster = await ReplicaCluster.StartAsync(TestPostgres.RequireConnectionString(), replicas: 1);
        var kz = cluster.Node(Party.Kz, 0);
        var tm = cluster.Node(Party.Tm, 0);
        await using var tmSystems = new TestSubscriber(() => tm.Party);
        var ids = await Submitter.SubmitManyAsync(() => kz, "pg-pair", 60, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(
            async () => await Submitter.CountAsync(kz, Stage.Acknowledged, Direction.Outbound) == ids.Count,
            TimeSpan.FromSeconds(60),
            () => $"not all {ids.Count} acknowledged\n{cluster.Logs()}");

        Assert.True(ids.All(tmSystems.Received.ContainsKey));
        Assert.Empty(tmSystems.SilentDuplicates());
        var accepted = await Submitter.IdsInStoreOrderAsync(kz, Direction.Outbound);
        Assert.Equal(accepted, await Submitter.IdsInStoreOrderAsync(tm, Direction.Inbound));
        Assert.Equal(accepted, tmSystems.Deliveries.Where(d => !d.Redelivery).Select(d => d.Id));
        foreach (var party in new[] { Party.Kz, Party.Tm })
        {
            var verdict = await PostgresAudit.VerifyAsync(cluster, party);
            Assert.True(verdict.ExitCode == 0, $"{party}: {verdict.Stdout}{verdict.Stderr}");
            Assert.StartsWith("OK:", verdict.Stdout, StringComparison.Ordinal);
        }
    }
}
