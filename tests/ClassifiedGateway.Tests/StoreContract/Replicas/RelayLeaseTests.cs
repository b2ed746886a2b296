using System.Diagnostics;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>The relay lease on PostgreSQL: one holder among replicas; when the holder's session ends, another takes over at once.</summary>
[Trait("Category", "pg-only")]
public sealed class RelayLeaseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task One_replica_holds_the_lease_and_another_takes_it_over_when_the_holder_goes()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        var a = Lease(replicas.Dialects[0]);
        await using var b = Lease(replicas.Dialects[1]);

        var heldByA = await a.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
        var waitingB = b.AcquireAsync(CancellationToken.None);
        // B's session is blocked in the server's lock queue behind A's (seen from the server, not guessed by time).
        await Eventually.TrueAsync(async () => await WaitingForLockAsync(replicas, b) , Patience, () => "B never queued for the lease");
        Assert.True(a.Held);
        Assert.False(b.Held);
        Assert.False(waitingB.IsCompleted);

        var clock = Stopwatch.StartNew();
        await a.DisposeAsync();
        var heldByB = await waitingB.WaitAsync(Patience);
        output.WriteLine($"lease takeover after the holder closed its session: {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(heldByA.IsCancellationRequested);
        Assert.True(b.Held);
        Assert.False(heldByB.IsCancellationRequested);
    }

    [SkippableFact]
    public async Task A_holder_whose_session_is_terminated_stops_at_once_and_the_other_replica_takes_over()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        await using var a = Lease(replicas.Dialects[0]);
        await using var b = Lease(replicas.Dialects[1]);
        var heldByA = await a.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
        var waitingB = b.AcquireAsync(CancellationToken.None);
        var lostByA = new TaskCompletionSource();
        await using var registration = heldByA.Register(() => lostByA.TrySetResult());

        var clock = Stopwatch.StartNew();
        await replicas.ExecuteAsync("SELECT pg_terminate_backend(@pid)", ("@pid", a.SessionProcessId!.Value));
        await lostByA.Task.WaitAsync(Patience);
        var lostAfter = clock.Elapsed;
        await waitingB.WaitAsync(Patience);
        output.WriteLine($"holder's session terminated: holder stopped after {lostAfter.TotalMilliseconds:F0} ms, other replica held it after {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(b.Held);
        Assert.False(a.Held);
        // The old holder queues again behind the new one instead of taking the lease back.
        await Eventually.TrueAsync(async () => await WaitingForLockAsync(replicas, a), Patience, () => "A never queued again");
        Assert.False(a.Held);
    }

    private static PostgresRelayLease Lease(PostgresDialect dialect) =>
        new(dialect, new PostgresStorageOptions(), TimeProvider.System, NullLogger<PostgresRelayLease>.Instance);

    private static async Task<bool> WaitingForLockAsync(PostgresReplicas replicas, PostgresRelayLease lease) =>
        lease.SessionProcessId is { } pid
        && await replicas.ExecuteAsync("SELECT wait_event_type FROM pg_stat_activity WHERE pid = @pid", ("@pid", pid)) is "Lock";
}
