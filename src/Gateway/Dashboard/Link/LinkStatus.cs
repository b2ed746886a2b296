using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Gateway.Dashboard.Link;

/// <summary>The link to the other node as the operators' status strip shows it. Times are the node's clock, except certificate
/// expiry, which always follows the real clock.</summary>
/// <param name="Reachable">Whether the other node answers: null before the first answer or failure since start.</param>
/// <param name="Since">Since when it answers, or since when it does not.</param>
/// <param name="Cause">While it does not: the last failure, as "Status: detail" (bounded; never this node's exception text).</param>
/// <param name="Circuit">The relay's circuit breaker: CLOSED, OPEN, HALF_OPEN or ISOLATED.</param>
/// <param name="CertificateDaysLeft">Days until the first of the node's certificates (its own, its CAs, the other node's) expires.</param>
/// <param name="RelayLeaseHeld">Whether this replica holds the relay lease (false: another replica of the node relays; SQLite: always true).</param>
public sealed record LinkStatus(
    string LocalParty, string PeerParty, bool? Reachable, DateTimeOffset? Since, string? Cause, string Circuit,
    long OutboxDepth, DateTimeOffset? OldestWaitingSince, long Undelivered, DateTimeOffset? OldestUndeliveredSince,
    long Unacknowledged, DateTimeOffset? OldestUnacknowledgedSince, double CertificateDaysLeft, string CertificateName, DateTimeOffset Now,
    bool RelayLeaseHeld = true);

/// <summary>Reads the link's state, the relay's circuit, the backlog and the certificates into one <see cref="LinkStatus"/>.</summary>
internal sealed class LinkStatusReader(
    PeerLinkState link, OutboxRelay relay, IConsoleStore store, CertificateStore certificates, TimeProvider time, IOptions<GatewayOptions> options,
    IOptions<TlsOptions> tls, Storage.Lease.IRelayLease lease)
{
    public async Task<LinkStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var backlog = await store.ReadLinkBacklogAsync(cancellationToken);
        var failing = link.FailingSince;
        var reachable = link.ReachableSince;
        var local = options.Value.LocalParty;
        var first = CertificateHealth.Of(certificates.Current, Time.RealClock.Instance.GetUtcNow(), tls.Value.ExpiryWarning).MinBy(c => c.DaysLeft)!;
        return new LinkStatus(
            DashboardViews.Code(local), DashboardViews.Code(Domain.PartyCodes.Other(local)),
            failing is not null ? false : reachable is not null ? true : null, failing ?? reachable, failing is null ? null : link.Cause,
            Circuit(relay.PeerCircuit), backlog.OutboxDepth, backlog.OldestWaitingSince, backlog.Undelivered, backlog.OldestUndeliveredSince,
            backlog.Unacknowledged, backlog.OldestUnacknowledgedSince, Math.Round(first.DaysLeft, 1), first.Name, time.GetUtcNow(), lease.Held);
    }

    private static string Circuit(CircuitState state) => state switch
    {
        CircuitState.Open => "OPEN",
        CircuitState.HalfOpen => "HALF_OPEN",
        CircuitState.Isolated => "ISOLATED",
        _ => "CLOSED",
    };
}
