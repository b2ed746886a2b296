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
        // B is a standby already in the server's lock queue, as a running replica is: the server hands it the lock as A's
        // session ends. Without this wait B was still opening its first session when A's was cut, and A, reconnecting after
        // 200 ms, could take the lease back first (see the test below) — the CI flake.
        await Eventually.TrueAsync(async () => await WaitingForLockAsync(replicas, b), Patience, () => "B never queued for the lease");
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

    [SkippableFact]
    public async Task A_holder_whose_session_is_terminated_with_no_other_replica_waiting_takes_the_lease_back_and_a_late_one_queues()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        await using var a = Lease(replicas.Dialects[0]);
        await using var b = Lease(replicas.Dialects[1]);
        var heldByA = await a.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
        var lostByA = new TaskCompletionSource();
        await using var registration = heldByA.Register(() => lostByA.TrySetResult());
        var cut = a.SessionProcessId!.Value;

        await replicas.ExecuteAsync("SELECT pg_terminate_backend(@pid)", ("@pid", cut));
        await lostByA.Task.WaitAsync(Patience);
        // A lone replica does not stay without a relay: it takes the lease again on a new session.
        var heldAgain = await a.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.False(heldAgain.IsCancellationRequested);
        Assert.True(a.Held);
        Assert.NotEqual(cut, a.SessionProcessId);

        // A replica that arrives now waits behind the holder: a lease is never taken from a live holder.
        var waitingB = b.AcquireAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => await WaitingForLockAsync(replicas, b), Patience, () => "B never queued for the lease");
        Assert.False(waitingB.IsCompleted);
        Assert.False(b.Held);
        Assert.True(a.Held);
    }

    private static PostgresRelayLease Lease(PostgresDialect dialect) =>
        new(dialect, new PostgresStorageOptions(), TimeProvider.System, NullLogger<PostgresRelayLease>.Instance);

    private static async Task<bool> WaitingForLockAsync(PostgresReplicas replicas, PostgresRelayLease lease) =>
        lease.SessionProcessId is { } pid
        && await replicas.ExecuteAsync("SELECT wait_event_type FROM pg_stat_activity WHERE pid = @pid", ("@pid", pid)) is "Lock";
}
