using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Streams stored inbound notices to a receiving system from its cursor, then live; redelivers what stays unacknowledged.</summary>
/// <remarks>A client that stores each cursor after processing and resumes with it sees no gap and no duplicate;
/// a copy sent again because it was not acknowledged in time is always marked as a redelivery.</remarks>
internal sealed partial class DeliveryStreamer(
    IGatewayStore store, CallGuard guard, TimeProvider time, IOptions<DeliveryOptions> options, ILogger<DeliveryStreamer> logger)
{
    /// <summary>Narrows a subscription to what the caller may read: an authorized body's system sees only what is addressed to it
    /// (another body is PERMISSION_DENIED, NOT_ADDRESSEE); the competent body's sees all of its Party's.</summary>
    public async Task<SubscribeRequest> AuthorizeAsync(SubscribeRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        if (caller.Role == CallerRole.AuthorizedBody)
        {
            if (request.ReceiverBody.Length > 0 && request.ReceiverBody != caller.Body)
            {
                await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{caller.Body}' cannot subscribe to notices for '{SafeText.Bounded(request.ReceiverBody)}'", "", cancellationToken);
            }

            request.ReceiverBody = caller.Body;
        }

        return request;
    }

    public async Task StreamAsync(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> stream, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cursor = Math.Max(0, request.AfterCursor);
        var body = string.IsNullOrEmpty(request.ReceiverBody) ? null : request.ReceiverBody;
        LogSubscribed(logger, body ?? "*", cursor);
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = store.Signals.Inbox.Next;
            var fresh = await store.ReadInboxAsync(cursor, body, settings.ReadBatch, cancellationToken);
            if (fresh.Count > 0)
            {
                await SendAsync(stream, fresh, redelivery: false, cancellationToken);
                cursor = fresh[^1].Cursor;
                continue;
            }

            var due = await store.ReadRedeliveriesAsync(cursor, body, time.GetUtcNow() - settings.AckTimeout, settings.ReadBatch, cancellationToken);
            if (due.Count > 0)
            {
                await SendAsync(stream, due, redelivery: true, cancellationToken);
                continue;
            }

            await Waits.SignalOrTimeoutAsync(wake, settings.RedeliveryScanInterval, time, cancellationToken);
        }
    }

    private async Task SendAsync(IServerStreamWriter<SubscribeResponse> stream, IReadOnlyList<InboxItem> items, bool redelivery, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await stream.WriteAsync(new SubscribeResponse
            {
                Cursor = item.Cursor,
                Envelope = item.Envelope,
                // A resumed stream may carry what an earlier connection already had: say so.
                Redelivery = redelivery || item.DeliveryCount > 0,
                DeliveryAttempt = item.DeliveryCount + 1,
            }, cancellationToken);
        }

        await store.MarkDeliveredAsync([.. items.Select(i => i.Key)], time.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Subscriber for {ReceiverBody} resumed after cursor {Cursor}")]
    private static partial void LogSubscribed(ILogger logger, string receiverBody, long cursor);
}
