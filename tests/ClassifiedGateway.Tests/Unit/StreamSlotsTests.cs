using ClassifiedGateway.Gateway.Routing.Streaming;
using ClassifiedGateway.Gateway.Security;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The node's slots for streamed items: a stream past the bound waits for an item to be done, whatever its outcome,
/// and every slot comes back.</summary>
public sealed class StreamSlotsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_stream_past_the_bound_waits_until_an_item_is_done_and_each_outcome_gives_its_slot_back()
    {
        using var slots = new StreamSlots(Options.Create(new LimitsOptions { StreamInFlightTotal = 2 }));
        var first = new TaskCompletionSource<int>();
        var second = new TaskCompletionSource<int>();
        await slots.WaitAsync(CancellationToken.None);
        var firstHeld = slots.HoldUntilDoneAsync(first.Task);
        await slots.WaitAsync(CancellationToken.None);
        var secondHeld = slots.HoldUntilDoneAsync(second.Task);
        Assert.Equal(2, slots.InUse);

        var third = slots.WaitAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        // A refused item is done too: its slot comes back and the waiting stream goes on.
        second.SetException(new InvalidOperationException("refused"));
        await third.WaitAsync(Patience);
        await Assert.ThrowsAsync<InvalidOperationException>(() => secondHeld);
        Assert.Equal(2, slots.InUse);

        first.SetResult(7);
        Assert.Equal(7, await firstHeld.WaitAsync(Patience));
        slots.Release();
        Assert.Equal(0, slots.InUse);
    }
}
