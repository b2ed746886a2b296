using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The Party's own systems: submit, subscribe, acknowledge, look up.</summary>
internal sealed class PartyGatewayGrpcService(
    SubmitProcessor submit, DeliveryStreamer delivery, IGatewayStore store, TimeProvider time) : PartyGatewayService.PartyGatewayServiceBase
{
    public override async Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        var outcome = await submit.SubmitAsync(request.Envelope, context.CancellationToken);
        return new SubmitResponse
        {
            MessageId = outcome.MessageId,
            Stage = outcome.Stage,
            AcceptedAt = Times.ToTimestamp(outcome.AcceptedAt),
            Duplicate = outcome.Duplicate,
        };
    }

    public override Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context) =>
        delivery.StreamAsync(request, responseStream, context.CancellationToken);

    public override async Task<AcknowledgeResponse> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var outcome = await store.AcknowledgeAsync(request.MessageId, request.AcknowledgingBody, time.GetUtcNow(), context.CancellationToken);
        return new AcknowledgeResponse
        {
            MessageId = outcome.MessageId,
            Stage = outcome.Stage,
            AcknowledgedAt = Times.ToTimestamp(outcome.AcknowledgedAt),
        };
    }

    public override async Task<GetMessageResponse> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var record = await store.GetMessageAsync(request.MessageId, context.CancellationToken)
            ?? throw new NotFoundException("message", request.MessageId);
        return new GetMessageResponse { Message = record };
    }
}
