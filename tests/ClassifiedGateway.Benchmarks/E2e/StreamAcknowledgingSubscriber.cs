using System.Threading.Channels;
using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The receiving system on SubscribeAcknowledging: reads notices from its last cursor and acknowledges them on the same
/// stream, each batch whatever arrived while the previous one was being answered (at most 1000), one batch in flight.</summary>
internal sealed class StreamAcknowledgingSubscriber : IAsyncDisposable
{
    private const int MaxBatch = 1000;
    private readonly PartyGatewayService.PartyGatewayServiceClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _cursor;

    public StreamAcknowledgingSubscriber(PartyGatewayService.PartyGatewayServiceClient client)
    {
        _client = client;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await StreamOnceAsync();
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException && !_stop.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"subscription lost ({e.GetType().Name}); resuming after cursor {_cursor}");
                await Task.Delay(100, CancellationToken.None);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Disposed: the call ends as CANCELLED (an RpcException) or an OperationCanceledException.
                return;
            }
        }
    }

    private async Task StreamOnceAsync()
    {
        using var call = _client.SubscribeAcknowledging(cancellationToken: _stop.Token);
        await call.RequestStream.WriteAsync(new SubscribeAcknowledgingRequest { Subscribe = new SubscribeRequest { AfterCursor = _cursor } });
        var toAcknowledge = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var answered = Channel.CreateBounded<int>(1);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var acking = AcknowledgeAsync(call.RequestStream, toAcknowledge.Reader, answered.Reader, failed.Token);
        try
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                if (response.ResponseCase == SubscribeAcknowledgingResponse.ResponseOneofCase.Notice)
                {
                    toAcknowledge.Writer.TryWrite(response.Notice.Envelope.Id);
                    _cursor = Math.Max(_cursor, response.Notice.Cursor);
                }
                else
                {
                    foreach (var failure in response.Acknowledged.Outcomes.Where(o => o.OutcomeCase == AcknowledgeItemOutcome.OutcomeOneofCase.Failed))
                    {
                        await Console.Error.WriteLineAsync($"acknowledge {failure.MessageId}: {(StatusCode)failure.Failed.Code} {failure.Failed.Message}");
                    }

                    answered.Writer.TryWrite(response.Acknowledged.Outcomes.Count);
                }
            }
        }
        finally
        {
            await failed.CancelAsync();
            try
            {
                await acking;
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task AcknowledgeAsync(
        IClientStreamWriter<SubscribeAcknowledgingRequest> requests, ChannelReader<string> ids, ChannelReader<int> answered, CancellationToken cancellationToken)
    {
        var batch = new AcknowledgeBatchRequest();
        while (await ids.WaitToReadAsync(cancellationToken))
        {
            batch.Items.Clear();
            while (batch.Items.Count < MaxBatch && ids.TryRead(out var id))
            {
                batch.Items.Add(new AcknowledgeRequest { MessageId = id });
            }

            await requests.WriteAsync(new SubscribeAcknowledgingRequest { Acknowledge = batch.Clone() }, cancellationToken);
            await answered.ReadAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
