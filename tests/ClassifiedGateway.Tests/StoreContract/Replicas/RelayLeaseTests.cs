using System.Diagnostics;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>The relay lease on PostgreSQL: one holder among replicas; when the holder's session ends, a standby takes over
/// at its next try; a standby never holds back the database's cleanup horizon.</summary>
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
        // B has tried and found the lease held (seen from B's own answer from the server, not guessed by time).
        await Eventually.TrueAsync(() => Task.FromResult(b.Standing), Patience, () => "B never stood by for the lease");
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
        // B is a standby already trying, as a running replica is: it takes the lock at its next try after A's session ends
        // (every 250 ms), while A, having lost it, waits a second before it tries again. Without this wait B was still
        // opening its first session when A's was cut, and A could take the lease back first (see the test below).
        await Eventually.TrueAsync(() => Task.FromResult(b.Standing), Patience, () => "B never stood by for the lease");
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
        // The old holder stands by behind the new one instead of taking the lease back.
        await Eventually.TrueAsync(() => Task.FromResult(a.Standing), Patience, () => "A never stood by again");
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
        await Eventually.TrueAsync(() => Task.FromResult(b.Standing), Patience, () => "B never stood by for the lease");
        Assert.False(waitingB.IsCompleted);
        Assert.False(b.Held);
        Assert.True(a.Held);
    }

    [SkippableFact]
    public async Task A_standby_replica_holds_no_snapshot_while_it_stands_by()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        await using var a = Lease(replicas.Dialects[0]);
        await using var b = Lease(replicas.Dialects[1]);
        await a.AcquireAsync(CancellationToken.None).WaitAsync(Patience);
        var waitingB = b.AcquireAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(b.Standing), Patience, () => "B never stood by for the lease");

        // Between its tries the standby's session is idle with no snapshot: it does not stop the server from pruning and
        // vacuuming row versions the other replicas' writes leave behind (a session waiting inside pg_advisory_lock did, for
        // as long as it waited).
        await Eventually.TrueAsync(async () => b.SessionProcessId is { } pid
            && await replicas.ExecuteAsync("SELECT state = 'idle' AND backend_xmin IS NULL FROM pg_stat_activity WHERE pid = @pid", ("@pid", pid)) is true,
            Patience, () => "the standby's session kept a snapshot");
        Assert.False(waitingB.IsCompleted);
        Assert.True(a.Held);
    }

    private static PostgresRelayLease Lease(PostgresDialect dialect) =>
        new(dialect, new PostgresStorageOptions(), TimeProvider.System, NullLogger<PostgresRelayLease>.Instance);
}
