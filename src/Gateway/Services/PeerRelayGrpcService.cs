using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The other Party's node: relayed notices in, receipts out; status reports in; or both on one pipelined stream.</summary>
internal sealed class PeerRelayGrpcService(RelayReceiver receiver, StatusReceiver reports, RelayStreamReceiver stream)
    : PeerRelayService.PeerRelayServiceBase
{
    public override async Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context)
    {
        await reports.EnsureFromPeerAsync(request.FromParty, CallGuard.Caller(context), context.CancellationToken);
        var receipts = await receiver.ReceiveAsync(request, context.CancellationToken);
        return new RelayResponse { Receipts = { receipts } };
    }

    public override async Task<RelayStatusResponse> RelayStatus(RelayStatusRequest request, ServerCallContext context)
    {
        var caller = CallGuard.Caller(context);
        await reports.EnsureFromPeerAsync(request.FromParty, caller, context.CancellationToken);
        return new RelayStatusResponse { Recorded = await reports.ReceiveAsync(request, caller, context.CancellationToken) };
    }

    public override Task RelayStream(IAsyncStreamReader<RelayStreamRequest> requestStream, IServerStreamWriter<RelayStreamResponse> responseStream, ServerCallContext context) =>
        stream.RunAsync(requestStream, responseStream, CallGuard.Caller(context), context.CancellationToken);
}
