using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Routing.Streaming;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The Party's own systems: submit (one or a stream), subscribe, acknowledge (one or a batch), look up.</summary>
internal sealed class PartyGatewayGrpcService(
    SubmitProcessor submit, SubmitStreamer streamer, DeliveryStreamer delivery, AcknowledgingSubscription subscriptions, Acknowledger acknowledger,
    IGatewayStore store, CallGuard guard)
    : PartyGatewayService.PartyGatewayServiceBase
{
    private const string Message = "message";

    public override async Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        var outcome = await submit.SubmitAsync(request.Envelope, CallGuard.Caller(context), context.CancellationToken);
        return new SubmitResponse
        {
            MessageId = outcome.MessageId,
            Stage = outcome.Stage,
            AcceptedAt = Times.ToTimestamp(outcome.AcceptedAt),
            Duplicate = outcome.Duplicate,
        };
    }

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
    {
        var subscription = await delivery.AuthorizeAsync(request, CallGuard.Caller(context), context.CancellationToken);
        await delivery.StreamAsync(subscription, responseStream, context.CancellationToken);
    }

    public override Task SubscribeAcknowledging(
        IAsyncStreamReader<SubscribeAcknowledgingRequest> requestStream, IServerStreamWriter<SubscribeAcknowledgingResponse> responseStream,
        ServerCallContext context) =>
        subscriptions.RunAsync(requestStream, responseStream, CallGuard.Caller(context), context.Method, context.CancellationToken);

    public override Task<AcknowledgeResponse> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        return acknowledger.AcknowledgeAsync(request, CallGuard.Caller(context), context.Method, context.CancellationToken);
    }

    public override Task<AcknowledgeBatchResponse> AcknowledgeBatch(AcknowledgeBatchRequest request, ServerCallContext context) =>
        acknowledger.AcknowledgeBatchAsync(request, CallGuard.Caller(context), context.Method, context.CancellationToken);

    public override Task SubmitStream(
        IAsyncStreamReader<SubmitStreamRequest> requestStream, IServerStreamWriter<SubmitStreamResponse> responseStream, ServerCallContext context) =>
        streamer.RunAsync(requestStream, responseStream, CallGuard.Caller(context), context.CancellationToken);

    public override async Task<GetMessageResponse> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var caller = CallGuard.Caller(context);
        var found = await store.FindMessagesAsync(MessageLookup.Ref(request.MessageId, request.SenderParty, request.SenderBody), context.CancellationToken);
        // Resolved among what the caller may see: another body's use of the same id is neither shown nor counted.
        var visible = found.Where(m => AuthorizationMatrix.MayAccess(caller, m.Record.Envelope)).ToList();
        if (found.Count > 0 && visible.Count == 0)
        {
            // The same answer as for an unknown id: no probing whether another body's notice exists.
            await guard.DenyAsNotFoundAsync(caller, "NOT_A_PARTY_TO_IT", Message, request.MessageId, context.Method, context.CancellationToken);
        }

        var key = MessageLookup.Single(visible, Message, request.MessageId).Key;
        var record = await store.GetMessageAsync(key, context.CancellationToken) ?? throw new NotFoundException(Message, request.MessageId);
        return new GetMessageResponse { Message = record };
    }
}
