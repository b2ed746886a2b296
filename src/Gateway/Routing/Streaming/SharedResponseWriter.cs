using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Routing.Streaming;

/// <summary>One response stream written by two tasks (notices and acknowledgement answers): one write at a time, as gRPC requires.
/// Seen as a stream of <see cref="SubscribeResponse"/> by the delivery streamer.</summary>
internal sealed class SharedResponseWriter(IServerStreamWriter<SubscribeAcknowledgingResponse> inner) : IServerStreamWriter<SubscribeResponse>, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(SubscribeResponse message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(SubscribeResponse message, CancellationToken cancellationToken) =>
        WriteAsync(new SubscribeAcknowledgingResponse { Notice = message }, cancellationToken);

    public async Task WriteAsync(SubscribeAcknowledgingResponse message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
