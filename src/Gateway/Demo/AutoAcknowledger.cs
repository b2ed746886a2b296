using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Plays a Party's receiving systems in the demo: takes every notice off the stream and acknowledges it.</summary>
internal sealed class AutoAcknowledger : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _cursor;

    public AutoAcknowledger(PartyGatewayService.PartyGatewayServiceClient client) => _loop = Task.Run(() => RunAsync(client));

    private async Task RunAsync(PartyGatewayService.PartyGatewayServiceClient client)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var call = client.Subscribe(new SubscribeRequest { AfterCursor = _cursor }, cancellationToken: _stop.Token);
                await foreach (var delivery in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    await client.AcknowledgeAsync(new AcknowledgeRequest { MessageId = delivery.Envelope.Id }, cancellationToken: _stop.Token);
                    _cursor = delivery.Cursor;
                }
            }
            catch (RpcException) when (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RpcException)
            {
                return;
            }
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
