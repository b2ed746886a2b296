using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>The Party's own systems: submit, subscribe, acknowledge, look up.</summary>
internal sealed class PartyGatewayGrpcService(
    SubmitProcessor submit, DeliveryStreamer delivery, IGatewayStore store, CallGuard guard, TimeProvider time) : PartyGatewayService.PartyGatewayServiceBase
{
    private const string Message = "message";
    private const string ReceivedNotice = "received notice";

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
        // An authorized body's system sees only what is addressed to it; the competent body's sees all of its Party's.
        var caller = CallGuard.Caller(context);
        if (caller.Role == CallerRole.AuthorizedBody)
        {
            if (request.ReceiverBody.Length > 0 && request.ReceiverBody != caller.Body)
            {
                await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{caller.Body}' cannot subscribe to notices for '{SafeText.Bounded(request.ReceiverBody)}'", "", context.CancellationToken);
            }

            request.ReceiverBody = caller.Body;
        }

        await delivery.StreamAsync(request, responseStream, context.CancellationToken);
    }

    public override async Task<AcknowledgeResponse> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var caller = CallGuard.Caller(context);
        if (caller.Role == CallerRole.AuthorizedBody && request.AcknowledgingBody.Length > 0 && request.AcknowledgingBody != caller.Body)
        {
            await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{caller.Body}' cannot acknowledge as '{SafeText.Bounded(request.AcknowledgingBody)}'", request.MessageId, context.CancellationToken);
        }

        var body = caller.Role == CallerRole.AuthorizedBody ? caller.Body : request.AcknowledgingBody;
        if (body.Length > 0)
        {
            // Checked here so that a notice the caller may not see answers like an unknown one, and a wrong body never learns the addressee.
            var record = await store.GetMessageAsync(request.MessageId, context.CancellationToken);
            if (record is null || record.Direction != Direction.Inbound)
            {
                throw new NotFoundException(ReceivedNotice, request.MessageId);
            }

            if (!AuthorizationMatrix.MayAccess(caller, record.Envelope))
            {
                await guard.DenyAsNotFoundAsync(caller, "NOT_A_PARTY_TO_IT", ReceivedNotice, request.MessageId, context.Method, context.CancellationToken);
            }

            if (record.Envelope.ReceiverBody != body)
            {
                await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{SafeText.Bounded(body)}' is not the addressee of notice '{request.MessageId}'", request.MessageId, context.CancellationToken);
            }
        }

        var outcome = await store.AcknowledgeAsync(request.MessageId, body, time.GetUtcNow(), caller.ToString(), context.CancellationToken);
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
            ?? throw new NotFoundException(Message, request.MessageId);
        var caller = CallGuard.Caller(context);
        if (!AuthorizationMatrix.MayAccess(caller, record.Envelope))
        {
            // The same answer as for an unknown id: no probing whether another body's notice exists.
            await guard.DenyAsNotFoundAsync(caller, "NOT_A_PARTY_TO_IT", Message, request.MessageId, context.Method, context.CancellationToken);
        }

        return new GetMessageResponse { Message = record };
    }
}
