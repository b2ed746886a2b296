using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Tests.Harness;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.Integration.Replicas;

/// <summary>A PostgreSQL replica that does not relay (a standby) paces its submits on the relay backlog like the one that relays:
/// it counts the outbox the replicas share and learns whether the link is up from its own probe. Before, a standby never paced,
/// so submits through it grew the backlog without bound while the link was up.</summary>
public sealed class StandbyPacingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_standby_refuses_unary_submits_while_the_shared_backlog_is_above_the_bound_and_takes_them_once_it_drains()
    {
        await using var cluster = await ReplicaCluster.CreateAsync(TestPostgres.RequireConnectionString(), replicas: 1, s =>
        {
            s.Extra["Gateway:Admission:MaxRelayBacklog"] = "5";
            s.Extra["Gateway:Admission:ResumeRelayBacklog"] = "2";
            s.Extra["Gateway:Admission:RelayBacklogPoll"] = "00:00:00.020";
            s.Extra["Gateway:Relay:ProbeInterval"] = "00:00:00.200";
        });
        // The test holds KZ's relay lease itself (the same advisory lock a replica takes), so KZ's one replica is a standby:
        // nothing is relayed and the backlog stays.
        using var dialect = new PostgresDialect(cluster.ConnectionString(Party.Kz));
        var lease = new PostgresRelayLease(dialect, new PostgresStorageOptions(), TimeProvider.System, NullLogger<PostgresRelayLease>.Instance);
        var released = false;
        try
        {
            await lease.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
            await PaceThenDrainAsync(cluster, lease, () => released = true);
        }
        finally
        {
            if (!released)
            {
                await lease.DisposeAsync();
            }
        }
    }

    private static async Task PaceThenDrainAsync(ReplicaCluster cluster, PostgresRelayLease lease, Action released)
    {
        await cluster.StartAsync(Party.Tm, 0);
        await cluster.StartAsync(Party.Kz, 0);
        var kz = cluster.Node(Party.Kz, 0);
        Assert.Equal("standby", await RelayLease.StateAsync(cluster.Settings(Party.Kz, 0)));
        await Eventually.TrueAsync(async () => await Metrics.ValueAsync(cluster.Settings(Party.Kz, 0), "gateway_peer_reachable") == 1,
            Patience, cluster.Logs);

        var now = TimeProvider.System.GetUtcNow();
        var accepted = new List<string>();
        RpcException? refused = null;
        for (var i = 0; i < 2_000 && refused is null; i++)
        {
            var id = $"standby-{i:D4}";
            try
            {
                await kz.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) });
                accepted.Add(id);
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("RELAY_BACKLOG_FULL", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.True(accepted.Count > 5, $"{accepted.Count} accepted before pacing");
        Assert.Equal("standby", await RelayLease.StateAsync(cluster.Settings(Party.Kz, 0)));

        // The lease is let go: the replica takes it, relays what waits, and the backlog drains below the low-water mark.
        await lease.DisposeAsync();
        released();
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(kz, Stage.Relayed, Direction.Outbound) == accepted.Count, Patience, cluster.Logs);
        await Eventually.TrueAsync(async () => await Metrics.ValueAsync(cluster.Settings(Party.Kz, 0), "gateway_admission_relay_pacing") == 0,
            Patience, cluster.Logs);
        await kz.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("standby-after", Party.Kz, now) });
    }
}
