using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Monitoring;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Services;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The receiving side of status reports (delivered, acknowledged) about this node's own notices, from RelayStatus or the relay stream.</summary>
internal sealed class StatusReceiver(
    IGatewayStore store, NodeKeys keys, CallGuard guard, TimeProvider time, IOptions<GatewayOptions> options, PeerClockWatch peerClock)
{
    public async Task<int> ReceiveAsync(RelayStatusRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        for (var i = 0; i < request.Reports.Count; i++)
        {
            RequestChecks.Id($"reports[{i}].message_id", request.Reports[i].MessageId);
            if (request.Reports[i].At is null)
            {
                throw new InvalidRequestException([new FieldViolation($"reports[{i}].at", "is required")]);
            }
        }

        // A report the peer did not sign (alone, or in this batch: its proof leads to a root the peer signed) is not the
        // peer's: record an alarm, not the stage. A batch's root is verified once.
        var genuine = new List<StatusReport>(request.Reports.Count);
        var seen = new BatchCheck();
        foreach (var report in request.Reports)
        {
            if (keys.PeerSignedStatus(report, seen))
            {
                genuine.Add(report);
            }
            else
            {
                // The history alarm stays de-duplicated; the audit trail keeps every attempt.
                // The alarm goes on the notice the report names (this node's own: ids are unique per sending body).
                var named = (await store.FindMessagesAsync(new MessageRef(report.MessageId, options.Value.LocalParty, report.SenderBody), cancellationToken))
                    .Where(m => m.Record.Direction == Direction.Outbound).ToList();
                await store.RecordAlarmAsync(named.Count == 1 ? named[0].Key : "", $"ALARM: a {report.Stage} report without the peer's valid signature was ignored", time.GetUtcNow(), cancellationToken);
                await guard.RecordAsync(caller, "FORGED_STATUS_REPORT", $"a {report.Stage} report for '{SafeText.Bounded(report.MessageId)}' without the peer's valid signature", report.MessageId, cancellationToken);
            }
        }

        var recorded = await store.RecordPeerStatusAsync(genuine, cancellationToken);
        if (recorded < genuine.Count)
        {
            // Some were not recorded: repeats are fine, but a report about a notice this node never sent is audited.
            foreach (var report in genuine)
            {
                var sent = await store.FindMessagesAsync(new MessageRef(report.MessageId, options.Value.LocalParty, report.SenderBody), cancellationToken);
                if (!sent.Any(m => m.Record.Direction == Direction.Outbound))
                {
                    await guard.RecordAsync(caller, "UNKNOWN_MESSAGE", $"a {report.Stage} report for '{SafeText.Bounded(report.MessageId)}', which this node never sent", report.MessageId, cancellationToken);
                }
            }
        }

        await peerClock.ObserveAsync(request.SentAt, genuine.Select(r => r.At), genuine.FirstOrDefault()?.MessageId, cancellationToken);
        return recorded;
    }

    /// <summary>The peer node speaks only as the other Party; anything else is denied and audited.</summary>
    public async Task EnsureFromPeerAsync(Party fromParty, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var peer = options.Value.PeerParty;
        if (fromParty != peer)
        {
            await guard.DenyAsync(caller, "NOT_THE_PEER", $"This node takes notices and status reports only from {PartyCodes.Code(peer)}", "", cancellationToken);
        }
    }
}
