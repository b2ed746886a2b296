using System.Threading.Channels;
using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The receiving system: reads the subscription from its last cursor (again after a lost stream) and
/// acknowledges every delivery, keeping up to <c>ackers</c> Acknowledge calls in flight.</summary>
internal sealed class AcknowledgingSubscriber : IAsyncDisposable
{
    private readonly PartyGatewayService.PartyGatewayServiceClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _toAcknowledge = Channel.CreateBounded<string>(10_000);
    private readonly Task _reader;
    private readonly Task[] _ackers;
    private long _cursor;

    public AcknowledgingSubscriber(PartyGatewayService.PartyGatewayServiceClient client, int ackers)
    {
        _client = client;
        _reader = Task.Run(ReadAsync);
        _ackers = [.. Enumerable.Range(0, ackers).Select(_ => Task.Run(AcknowledgeAsync))];
    }

    public int Reconnects { get; private set; }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var call = _client.Subscribe(new SubscribeRequest { AfterCursor = _cursor }, cancellationToken: _stop.Token);
                await foreach (var delivery in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    await _toAcknowledge.Writer.WriteAsync(delivery.Envelope.Id, _stop.Token);
                    _cursor = Math.Max(_cursor, delivery.Cursor);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
            {
                Reconnects++;
                await Console.Error.WriteLineAsync($"subscription lost ({e.GetType().Name}); resuming after cursor {_cursor}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task AcknowledgeAsync()
    {
        try
        {
            await foreach (var id in _toAcknowledge.Reader.ReadAllAsync(_stop.Token))
            {
                // An acknowledgement that fails is tried again; one that keeps failing shows as a notice never ACKNOWLEDGED.
                for (var attempt = 1; attempt <= 5; attempt++)
                {
                    try
                    {
                        await _client.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id }, cancellationToken: _stop.Token);
                        break;
                    }
                    catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), _stop.Token);
                    }
                    catch (RpcException e) when (!_stop.IsCancellationRequested)
                    {
                        await Console.Error.WriteLineAsync($"acknowledge {id}: {e.StatusCode} {e.Status.Detail}");
                        break;
                    }
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _toAcknowledge.Writer.TryComplete();
        await Task.WhenAll([_reader, .. _ackers]);
        _stop.Dispose();
    }
}
