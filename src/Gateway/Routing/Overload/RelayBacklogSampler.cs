using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Lease;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Routing.Overload;

/// <summary>Counts the relay backlog (every outbox entry not yet receipted by the other node) for <see cref="RelayBacklogGate"/>
/// every <see cref="AdmissionOptions.RelayBacklogPoll"/> while the bound applies, and lifts it the moment it stops applying.</summary>
/// <remarks>The bound applies only while the link is up as this replica knows it: the other node has answered
/// (<see cref="PeerLinkState.ReachableSince"/>), no failure since (<see cref="PeerLinkState.FailingSince"/> is null) and, on the
/// replica that relays (holds the relay lease), the relay's circuit is not open. The relaying replica learns the link from its
/// own calls and its idle probe; a standby (PostgreSQL replicas) from its own probe, which it runs whatever the outbox holds
/// (<see cref="PeerLinkProbe"/>), and it counts the same outbox, shared in the database. Otherwise store-and-forward takes
/// everything and only the writer's own limits apply.
/// <para>The other node's backlog reaches only the replica that relays (in the relay's answers and batches). With PostgreSQL
/// replicas that one keeps it in the database (<see cref="IGatewayStore.SharePeerBacklogAsync"/>) and the standbys pace on it
/// too (<see cref="Believed"/>), capped like the relaying one's by what the other node can owe.</para></remarks>
internal sealed class RelayBacklogSampler(
    RelayBacklogGate gate, IGatewayStore store, PeerLinkState link, OutboxRelay relay, IRelayLease lease, IOptions<AdmissionOptions> options,
    IOptions<StorageOptions> storage, TimeProvider time) : BackgroundService
{
    /// <summary>How old a shared figure may be and still count (the relaying replica writes it at least this often).</summary>
    internal static readonly TimeSpan SharedFresh = TimeSpan.FromSeconds(1);

    private readonly bool _replicas = storage.Value.Engine == StorageEngine.Postgres;
    private long _shared = -1;
    private DateTimeOffset _sharedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.MaxRelayBacklog == 0)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before looking, so a change between the look and the wait is not lost.
                var changed = Task.WhenAny(link.Changed.Next, lease.Changed.Next);
                if (WhyNot() is { } why)
                {
                    gate.Lift(why);
                }
                else
                {
                    await SampleAsync(stoppingToken);
                }

                await Waits.SignalOrTimeoutAsync(changed, settings.RelayBacklogPoll, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            gate.Lift("the node is stopping");
        }
    }

    private async Task SampleAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_replicas)
            {
                await ShareOrHearAsync(stoppingToken);
            }

            var own = await store.OutboxDepthAsync(stoppingToken);
            // The other node's report is believed only up to what it can owe us (read only when it reported something).
            var canOwe = gate.PeerBacklog > 0 ? RelayBacklogGate.StatusReportsOwed(await store.CountByStageAsync(stoppingToken)) : 0;
            gate.Sampled(own, canOwe);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Not knowing the backlog is no reason to hold callers: the writer's own limits still apply.
            gate.Lift("the backlog could not be counted");
        }
    }

    /// <summary>The replica that relays writes the other node's figure when it changed or half a freshness ago; a standby reads it.</summary>
    private async Task ShareOrHearAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (lease.Held)
        {
            var figure = gate.PeerBacklog;
            if (figure != _shared || now - _sharedAt >= SharedFresh / 2)
            {
                await store.SharePeerBacklogAsync(figure, now, stoppingToken);
                (_shared, _sharedAt) = (figure, now);
            }
        }
        else if (Believed(await store.ReadSharedPeerBacklogAsync(stoppingToken), now) is { } heard)
        {
            gate.PeerReported((ulong)heard);
        }
    }

    /// <summary>A shared figure counts while it is fresh by this replica's clock (replicas of one node share a database and are
    /// expected to share a time source; a figure from more than <see cref="SharedFresh"/> ahead is not believed either).</summary>
    internal static long? Believed((long Backlog, DateTimeOffset At)? shared, DateTimeOffset now) =>
        shared is { } s && s.Backlog >= 0 && (now - s.At).Duration() <= SharedFresh ? s.Backlog : null;

    /// <summary>Why the bound does not apply now, or null when it does.</summary>
    private string? WhyNot() => WhyNot(lease.Held, link.FailingSince, link.ReachableSince, relay.PeerCircuit);

    /// <summary>The rule itself: <paramref name="circuit"/> is the relay's, so it counts only on the replica that relays.</summary>
    internal static string? WhyNot(bool relays, DateTimeOffset? failingSince, DateTimeOffset? reachableSince, CircuitState circuit) =>
        failingSince is not null || relays && circuit is CircuitState.Open or CircuitState.Isolated ? "the link to the other node is down: store-and-forward takes everything"
        : reachableSince is null ? "the other node has not answered yet"
        : null;
}
