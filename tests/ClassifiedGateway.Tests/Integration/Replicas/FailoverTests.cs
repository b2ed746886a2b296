using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Xunit.Abstractions;

namespace ClassifiedGateway.Tests.Integration.Replicas;

/// <summary>Issue 11, Must show 2, through real processes: two replicas per Party on PostgreSQL, notices submitted through both
/// KZ replicas, kill -9 of the KZ replica holding the relay lease mid-run, then of a TM replica; nothing is lost, duplicated or
/// reordered, and both audit chains verify.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Notices = 5_000;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Killing_the_lease_holder_then_a_TM_replica_mid_run_loses_duplicates_and_reorders_nothing()
    {
        await using var cluster = await ReplicaCluster.StartAsync(TestPostgres.RequireConnectionString(), replicas: 2);
        // The receiving system resumes with its cursor on whichever TM replica answers (TM's first, until it is killed).
        await using var tmSystems = new TestSubscriber(() => FirstRunning(cluster, Party.Tm).Party);
        var turn = 0;
        NodeProcess? AnyKz() => cluster.Running(Party.Kz, Interlocked.Increment(ref turn) % 2) ?? cluster.Running(Party.Kz, turn % 2 == 0 ? 1 : 0);
        var clock = Stopwatch.StartNew();
        var submitting = Submitter.SubmitManyAsync(AnyKz, "failover", Notices, TimeProvider.System.GetUtcNow(), Limit);

        // Mid-run: a fifth relayed, then the replica that relays dies without a word.
        await Eventually.TrueAsync(async () => await ProgressedAsync(cluster) >= Notices / 5, Limit, () => $"the relay did not get going\n{cluster.Logs()}");
        var holder = await RelayLease.HolderAsync(cluster, Party.Kz, TimeSpan.FromSeconds(30));
        var survivor = 1 - holder;
        var before = await ProgressedAsync(cluster);
        var killedAt = Stopwatch.GetTimestamp();
        await cluster.KillAsync(Party.Kz, holder);
        var takeover = await TakeoverAsync(cluster, survivor, before, killedAt);
        output.WriteLine($"KZ replica {holder + 1} (lease holder) killed at {clock.Elapsed.TotalSeconds:0.0} s with {before} notices relayed: " +
            $"replica {survivor + 1} held the lease after {takeover.Lease.TotalMilliseconds:0} ms and relayed again after {takeover.Relaying.TotalMilliseconds:0} ms");

        // Then a TM replica: the first of KZ's addresses (the one its link uses) and the one the receiving system reads from.
        await Eventually.TrueAsync(async () => await ProgressedAsync(cluster) >= before + (Notices / 5), Limit, () => $"no progress after the takeover\n{cluster.Logs()}");
        await cluster.KillAsync(Party.Tm, 0);
        output.WriteLine($"TM replica 1 killed at {clock.Elapsed.TotalSeconds:0.0} s with {await ProgressedAsync(cluster)} notices relayed");

        var ids = await submitting;
        await Eventually.TrueAsync(
            async () => await Submitter.CountAsync(cluster.Node(Party.Kz, survivor), Stage.Acknowledged, Direction.Outbound) == Notices,
            Limit,
            () => $"not all {Notices} ACKNOWLEDGED at KZ\n{cluster.Logs()}");
        output.WriteLine($"all {Notices} acknowledged at KZ after {clock.Elapsed.TotalSeconds:0.0} s; the subscriber reconnected {tmSystems.Reconnects} time(s)");

        Assert.Equal(Notices, ids.Distinct().Count());
        var missing = ids.Where(id => !tmSystems.Received.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} accepted notices never delivered, e.g. {string.Join(", ", missing.Take(5))}");
        // Exactly once: the subscriber keeps its cursor, so across the lost replica it sees no gap and no copy. What the dead
        // replica had sent but the subscriber never read comes again flagged as a possible redelivery: the server cannot know.
        var delivered = tmSystems.Deliveries.Select(d => d.Id).ToList();
        Assert.Empty(delivered.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
        output.WriteLine($"{tmSystems.Deliveries.Count(d => d.Redelivery)} of {delivered.Count} deliveries flagged as possible redeliveries after the resume");
        var accepted = await Submitter.IdsInStoreOrderAsync(cluster.Node(Party.Kz, survivor), Direction.Outbound);
        Assert.Equal(Notices, accepted.Count);
        // TM stored KZ's notices in KZ's acceptance order, across the lease holder's death and its own replica's.
        Assert.Equal(accepted, await Submitter.IdsInStoreOrderAsync(cluster.Node(Party.Tm, 1), Direction.Inbound));
        Assert.Equal(accepted, delivered);
        foreach (var party in new[] { Party.Kz, Party.Tm })
        {
            var verdict = await PostgresAudit.VerifyAsync(cluster, party);
            Assert.True(verdict.ExitCode == 0, $"{party}: {verdict.Stdout}{verdict.Stderr}");
            Assert.StartsWith("OK:", verdict.Stdout, StringComparison.Ordinal);
        }
    }

    private static NodeProcess FirstRunning(ReplicaCluster cluster, Party party) =>
        cluster.RunningNodes(party) is [var first, ..] ? first : throw new InvalidOperationException($"no {party} replica runs");

    /// <summary>KZ's outbound notices past ACCEPTED: each one a receipt the relay brought back.</summary>
    private static async Task<long> ProgressedAsync(ReplicaCluster cluster)
    {
        var counts = await FirstRunning(cluster, Party.Kz).Operator.CountByStageAsync(new CountByStageRequest());
        return counts.Counts.Where(c => c.Direction == Direction.Outbound && c.Stage != Stage.Accepted).Sum(c => c.Count);
    }

    /// <summary>From the kill: until the survivor says it holds the lease, and until a notice is relayed again.</summary>
    private static async Task<(TimeSpan Lease, TimeSpan Relaying)> TakeoverAsync(ReplicaCluster cluster, int survivor, long before, long killedAt)
    {
        TimeSpan? lease = null;
        TimeSpan? relaying = null;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while ((lease is null || relaying is null) && Stopwatch.GetTimestamp() < deadline)
        {
            if (lease is null && await RelayLease.StateAsync(cluster.Settings(Party.Kz, survivor)) == "held")
            {
                lease = Stopwatch.GetElapsedTime(killedAt);
            }

            if (relaying is null && await ProgressedAsync(cluster) > before)
            {
                relaying = Stopwatch.GetElapsedTime(killedAt);
            }

            await Task.Delay(10);
        }

        return (lease ?? throw new TimeoutException($"KZ replica {survivor + 1} never took the lease\n{cluster.Logs()}"),
            relaying ?? throw new TimeoutException($"nothing relayed within a minute of the kill\n{cluster.Logs()}"));
    }
}
