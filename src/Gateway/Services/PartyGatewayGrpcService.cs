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
        // Only received notices are acknowledged; the id resolves among those the caller may see (checked here so that a notice the
        // caller may not see answers like an unknown one, and a wrong body never learns the addressee).
        var reference = MessageLookup.Ref(request.MessageId, request.SenderParty, request.SenderBody);
        var received = (await store.FindMessagesAsync(reference, context.CancellationToken)).Where(m => m.Record.Direction == Direction.Inbound).ToList();
        var visible = received.Where(m => AuthorizationMatrix.MayAccess(caller, m.Record.Envelope)).ToList();
        if (received.Count > 0 && visible.Count == 0)
        {
            await guard.DenyAsNotFoundAsync(caller, "NOT_A_PARTY_TO_IT", ReceivedNotice, request.MessageId, context.Method, context.CancellationToken);
        }

        if (body.Length > 0 && visible.Count > 0 && visible.All(m => m.Record.Envelope.ReceiverBody != body))
        {
            await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{SafeText.Bounded(body)}' is not the addressee of notice '{request.MessageId}'", request.MessageId, context.CancellationToken);
        }

        var found = MessageLookup.Single(body.Length > 0 ? [.. visible.Where(m => m.Record.Envelope.ReceiverBody == body)] : visible, ReceivedNotice, request.MessageId);
        var outcome = await store.AcknowledgeAsync(found.Key, body, time.GetUtcNow(), caller.ToString(), context.CancellationToken);
        return new AcknowledgeResponse
        {
            MessageId = found.Record.Envelope.Id,
            Stage = outcome.Stage,
            AcknowledgedAt = Times.ToTimestamp(outcome.AcknowledgedAt),
        };
    }

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
