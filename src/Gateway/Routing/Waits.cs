namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Waiting for a signal with an upper bound, without exceptions for the ordinary timeout.</summary>
internal static class Waits
{
    /// <summary>Completes when <paramref name="signal"/> fires or <paramref name="timeout"/> passes; throws only on cancellation.</summary>
    public static async Task SignalOrTimeoutAsync(Task signal, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, stopDelay.Token);
        await Task.WhenAny(signal, delay);
        await stopDelay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A periodic timer's next tick; false once the service is stopping.</summary>
    public static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
