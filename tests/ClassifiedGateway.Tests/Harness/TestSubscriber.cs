using System.Collections.Concurrent;
using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A receiving system that behaves as the contract asks: keeps its cursor after each notice,
/// acknowledges, and after a lost connection resumes from the cursor and re-sends acknowledgements that failed.</summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    private readonly Func<PartyGatewayService.PartyGatewayServiceClient> _client;
    private readonly bool _acknowledge;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _pendingAcks = new();
    private readonly Task _loop;
    private long _cursor;

    public TestSubscriber(Func<PartyGatewayService.PartyGatewayServiceClient> client, bool acknowledge = true)
    {
        _client = client;
        _acknowledge = acknowledge;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Every delivery in arrival order: id and whether the node marked it a redelivery.</summary>
    public ConcurrentQueue<(string Id, bool Redelivery, long Cursor)> Deliveries { get; } = new();

    public ConcurrentDictionary<string, Envelope> Received { get; } = new();

    public int Reconnects { get; private set; }

    /// <summary>Ids received more than once where a later copy was not marked as a redelivery: silent duplicates.</summary>
    public IReadOnlyList<string> SilentDuplicates() =>
        [.. Deliveries.GroupBy(d => d.Id).Where(g => g.Skip(1).Any(d => !d.Redelivery)).Select(g => g.Key)];

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = _client();
                await FlushAcksAsync(client);
                using var call = client.Subscribe(new SubscribeRequest { AfterCursor = Interlocked.Read(ref _cursor) }, cancellationToken: _stop.Token);
                await foreach (var delivery in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    Deliveries.Enqueue((delivery.Envelope.Id, delivery.Redelivery, delivery.Cursor));
                    Received[delivery.Envelope.Id] = delivery.Envelope;
                    if (delivery.Cursor > Interlocked.Read(ref _cursor))
                    {
                        Interlocked.Exchange(ref _cursor, delivery.Cursor);
                    }

                    if (_acknowledge)
                    {
                        _pendingAcks.Enqueue(delivery.Envelope.Id);
                        await FlushAcksAsync(client);
                    }
                }
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException && !_stop.IsCancellationRequested)
            {
                Reconnects++;
                await Task.Delay(100);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task FlushAcksAsync(PartyGatewayService.PartyGatewayServiceClient client)
    {
        while (_pendingAcks.TryPeek(out var id))
        {
            await client.AcknowledgeAsync(new AcknowledgeRequest { MessageId = id }, cancellationToken: _stop.Token);
            _pendingAcks.TryDequeue(out _);
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
