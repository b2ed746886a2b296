using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Hosting;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>A replica whose database goes away: writes refused UNAVAILABLE (never OK for what is not committed), readiness
/// Unhealthy naming the database (never the password), and both back by themselves when the database is.</summary>
[Trait("Category", "pg-only")]
public sealed class DatabaseOutageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task A_writer_whose_session_is_terminated_reopens_it_and_the_next_writes_and_reads_succeed()
    {
        await using var replicas = await PostgresReplicas.StartAsync(1);
        var store = replicas.Stores[0];
        await SubmitAsync(store, "before-cut");

        // Every session of this replica ends: the writer's, the pooled readers', the listener's.
        await replicas.ExecuteAsync("SELECT pg_terminate_backend(@pid)", ("@pid", replicas.Dialects[0].WriterProcessId));
        await replicas.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'classified-gateway%' AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'");

        var after = await SubmitAsync(store, "after-cut");
        Assert.Equal((Stage.Accepted, false), (after.Stage, after.Duplicate));
        Assert.Equal(["before-cut", "after-cut"], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.MessageId));
    }

    [SkippableFact]
    public async Task While_the_database_refuses_the_replica_writes_are_UNAVAILABLE_readiness_names_the_database_and_both_recover_by_themselves()
    {
        await using var replicas = await PostgresReplicas.StartAsync(1, ownRole: true);
        var store = replicas.Stores[0];
        var health = new StoreHealthCheck(store, replicas.Dialects[0], TimeProvider.System);
        await SubmitAsync(store, "before-outage");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await replicas.ExecuteAsync($"ALTER ROLE {replicas.Role} NOLOGIN");
        await replicas.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{replicas.Role}'");

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => SubmitAsync(store, "during-outage"));
        var status = StatusMapper.ToStatus(refused);
        Assert.Equal((int)Google.Rpc.Code.Unavailable, status.Code);
        Assert.Contains(status.Details, d => d.Is(Google.Rpc.RetryInfo.Descriptor));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadOutboxAsync(10, CancellationToken.None));
        var outage = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, outage.Status);
        Assert.Contains($"PostgreSQL database postgres on {new Npgsql.NpgsqlConnectionStringBuilder(replicas.Server).Host}", outage.Description, StringComparison.Ordinal);
        Assert.Contains(replicas.Schema, outage.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresReplicas.Password, outage.Description, StringComparison.Ordinal);

        await replicas.ExecuteAsync($"ALTER ROLE {replicas.Role} LOGIN");

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        var after = await SubmitAsync(store, "after-outage");
        Assert.Equal((Stage.Accepted, false), (after.Stage, after.Duplicate));
        // What was refused was not stored: only the notices answered ACCEPTED are there.
        Assert.Equal(["before-outage", "after-outage"], (await store.ReadOutboxAsync(10, CancellationToken.None)).Select(o => o.MessageId));
    }

    private static Task<SubmitOutcome> SubmitAsync(SqlGatewayStore store, string id) =>
        store.SubmitAdmittedAsync(Notices.Envelope(id, Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest), Now);
}
