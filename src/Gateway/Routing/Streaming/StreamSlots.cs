using ClassifiedGateway.Gateway.Security;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing.Streaming;

/// <summary>The node's slots for streamed items: an item read from any submit stream holds one until it is durable or refused,
/// so the items the node holds in memory for the writer are bounded by <see cref="LimitsOptions.StreamInFlightTotal"/> however
/// many streams are open (each stream is bounded by <see cref="LimitsOptions.StreamInFlight"/> on its own).</summary>
/// <remarks>A stream takes a slot after it has read an item and before it starts it; waiting streams are served in turn
/// (<see cref="SemaphoreSlim"/> queues its waiters). The slot is given back when the item's outcome is known, not when its
/// answer is written, so a client that reads its answers slowly holds at most its own stream's items, never the node's slots.</remarks>
internal sealed class StreamSlots(IOptions<LimitsOptions> limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.Value.StreamInFlightTotal, limits.Value.StreamInFlightTotal);

    public int Capacity { get; } = limits.Value.StreamInFlightTotal;

    /// <summary>Items read from streams and not yet durable or refused (the gauge <c>gateway_stream_items_in_flight</c>).</summary>
    public int InUse => Capacity - _slots.CurrentCount;

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives a slot back that was taken for an item that was never started.</summary>
    public void Release() => _slots.Release();

    /// <summary>The item's outcome, its slot given back once it is known (whatever it is).</summary>
    public async Task<T> HoldUntilDoneAsync<T>(Task<T> outcome)
    {
        try
        {
            return await outcome;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
