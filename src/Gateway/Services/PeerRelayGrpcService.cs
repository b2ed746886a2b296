using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The other Party's node: relayed notices in, receipts out; status reports in.</summary>
internal sealed class PeerRelayGrpcService(RelayReceiver receiver, IGatewayStore store, NodeKeys keys, TimeProvider time, IOptions<GatewayOptions> options)
    : PeerRelayService.PeerRelayServiceBase
{
    public override async Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context)
    {
        var receipts = await receiver.ReceiveAsync(request, context.CancellationToken);
        return new RelayResponse { Receipts = { receipts } };
    }

    public override async Task<RelayStatusResponse> RelayStatus(RelayStatusRequest request, ServerCallContext context)
    {
        var peer = options.Value.PeerParty;
        if (request.FromParty != peer)
        {
            throw new PermissionDeniedException("NOT_THE_PEER", $"This node takes status reports only from {PartyCodes.Code(peer)}.");
        }

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
                await store.RecordAlarmAsync(report.MessageId, $"ALARM: a {report.Stage} report without the peer's valid signature was ignored", time.GetUtcNow(), context.CancellationToken);
            }
        }

        var recorded = await store.RecordPeerStatusAsync(genuine, context.CancellationToken);
        return new RelayStatusResponse { Recorded = recorded };
    }
}
