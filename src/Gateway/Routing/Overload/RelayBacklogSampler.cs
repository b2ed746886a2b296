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
/// everything and only the writer's own limits apply.</remarks>
internal sealed class RelayBacklogSampler(
    RelayBacklogGate gate, IGatewayStore store, PeerLinkState link, OutboxRelay relay, IRelayLease lease, IOptions<AdmissionOptions> options,
    TimeProvider time) : BackgroundService
{
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

    /// <summary>Why the bound does not apply now, or null when it does.</summary>
    private string? WhyNot() => WhyNot(lease.Held, link.FailingSince, link.ReachableSince, relay.PeerCircuit);

    /// <summary>The rule itself: <paramref name="circuit"/> is the relay's, so it counts only on the replica that relays.</summary>
    internal static string? WhyNot(bool relays, DateTimeOffset? failingSince, DateTimeOffset? reachableSince, CircuitState circuit) =>
        failingSince is not null || relays && circuit is CircuitState.Open or CircuitState.Isolated ? "the link to the other node is down: store-and-forward takes everything"
        : reachableSince is null ? "the other node has not answered yet"
        : null;
}
