using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Monitoring;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The other Party's node: relayed notices in, receipts out; status reports in.</summary>
internal sealed class PeerRelayGrpcService(
    RelayReceiver receiver, IGatewayStore store, NodeKeys keys, CallGuard guard, TimeProvider time, IOptions<GatewayOptions> options,
    PeerClockWatch peerClock)
    : PeerRelayService.PeerRelayServiceBase
{
    public override async Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context)
    {
        await EnsureFromPeerAsync(request.FromParty, context);
        var receipts = await receiver.ReceiveAsync(request, context.CancellationToken);
        return new RelayResponse { Receipts = { receipts } };
    }

    public override async Task<RelayStatusResponse> RelayStatus(RelayStatusRequest request, ServerCallContext context)
    {
        await EnsureFromPeerAsync(request.FromParty, context);

        for (var i = 0; i < request.Reports.Count; i++)
        {
            RequestChecks.Id($"reports[{i}].message_id", request.Reports[i].MessageId);
            if (request.Reports[i].At is null)
            {
                throw new InvalidRequestException([new FieldViolation($"reports[{i}].at", "is required")]);
            }
        }

        // A report the peer did not sign is not the peer's: record an alarm, not the stage.
        var genuine = new List<StatusReport>(request.Reports.Count);
        foreach (var report in request.Reports)
        {
            if (keys.PeerSignedStatus(report))
            {
                genuine.Add(report);
            }
            else
            {
                // The history alarm stays de-duplicated; the audit trail keeps every attempt.
                // The alarm goes on the notice the report names (this node's own: ids are unique per sending body).
                var named = (await store.FindMessagesAsync(new MessageRef(report.MessageId, options.Value.LocalParty, report.SenderBody), context.CancellationToken))
                    .Where(m => m.Record.Direction == Direction.Outbound).ToList();
                await store.RecordAlarmAsync(named.Count == 1 ? named[0].Key : "", $"ALARM: a {report.Stage} report without the peer's valid signature was ignored", time.GetUtcNow(), context.CancellationToken);
                await guard.RecordAsync(CallGuard.Caller(context), "FORGED_STATUS_REPORT", $"a {report.Stage} report for '{SafeText.Bounded(report.MessageId)}' without the peer's valid signature", report.MessageId, context.CancellationToken);
            }
        }

        var recorded = await store.RecordPeerStatusAsync(genuine, context.CancellationToken);
        if (recorded < genuine.Count)
        {
            // Some were not recorded: repeats are fine, but a report about a notice this node never sent is audited.
            foreach (var report in genuine)
            {
                var sent = await store.FindMessagesAsync(new MessageRef(report.MessageId, options.Value.LocalParty, report.SenderBody), context.CancellationToken);
                if (!sent.Any(m => m.Record.Direction == Direction.Outbound))
                {
                    await guard.RecordAsync(CallGuard.Caller(context), "UNKNOWN_MESSAGE", $"a {report.Stage} report for '{SafeText.Bounded(report.MessageId)}', which this node never sent", report.MessageId, context.CancellationToken);
                }
            }
        }

        await peerClock.ObserveAsync(request.SentAt, genuine.Select(r => r.At), genuine.FirstOrDefault()?.MessageId, context.CancellationToken);
        return new RelayStatusResponse { Recorded = recorded };
    }

    /// <summary>The peer node speaks only as the other Party; anything else is denied and audited.</summary>
    private async Task EnsureFromPeerAsync(Party fromParty, ServerCallContext context)
    {
        var peer = options.Value.PeerParty;
        if (fromParty != peer)
        {
            await guard.DenyAsync(CallGuard.Caller(context), "NOT_THE_PEER", $"This node takes notices and status reports only from {PartyCodes.Code(peer)}", "", context.CancellationToken);
        }
    }
}
