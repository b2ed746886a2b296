using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Routing.Streaming;

/// <summary>SubscribeAcknowledging: the subscription's notices and the answers to acknowledgements sent on the same call.</summary>
/// <remarks>Notices flow as in Subscribe (<see cref="DeliveryStreamer"/>); each acknowledge request is answered by
/// <see cref="Acknowledger.AcknowledgeBatchAsync"/> once durable, one batch at a time, so a client that sends its next batch
/// only after the answer has at most one batch in flight and HTTP/2 flow control bounds the rest.</remarks>
internal sealed class AcknowledgingSubscription(DeliveryStreamer delivery, Acknowledger acknowledger, StreamItemLimiter items)
{
    public async Task RunAsync(
        IAsyncStreamReader<SubscribeAcknowledgingRequest> requests, IServerStreamWriter<SubscribeAcknowledgingResponse> responses,
        CallerIdentity caller, string via, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken))
        {
            return;
        }

        if (requests.Current.RequestCase != SubscribeAcknowledgingRequest.RequestOneofCase.Subscribe)
        {
            throw new InvalidRequestException([new FieldViolation("subscribe", "the first request must carry subscribe")]);
        }

        var subscribe = await delivery.AuthorizeAsync(requests.Current.Subscribe, caller, cancellationToken);
        using var writer = new SharedResponseWriter(responses);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivering = delivery.StreamAsync(subscribe, writer, stop.Token);
        var acknowledging = AcknowledgeAsync(requests, writer, caller, via, stop.Token);
        try
        {
            // Whichever fails first ends the call; a client that stops sending acknowledgements still gets its notices.
            if (await Task.WhenAny(delivering, acknowledging) == acknowledging)
            {
                await acknowledging;
            }

            await delivering;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(delivering, acknowledging).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task AcknowledgeAsync(
        IAsyncStreamReader<SubscribeAcknowledgingRequest> requests, SharedResponseWriter writer, CallerIdentity caller, string via,
        CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            if (requests.Current.RequestCase != SubscribeAcknowledgingRequest.RequestOneofCase.Acknowledge)
            {
                throw new InvalidRequestException([new FieldViolation("acknowledge", "every request after the first must carry acknowledge")]);
            }

            var batch = requests.Current.Acknowledge;
            await items.WaitAsync(caller.Uri, batch.Items.Count, cancellationToken);
            var answer = await acknowledger.AcknowledgeBatchAsync(batch, caller, via, cancellationToken);
            await writer.WriteAsync(new SubscribeAcknowledgingResponse { Acknowledged = answer }, cancellationToken);
        }
    }
}
