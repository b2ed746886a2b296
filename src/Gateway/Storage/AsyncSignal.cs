namespace ClassifiedGateway.Gateway.Storage;

/// <summary>A broadcast wake-up: take <see cref="Next"/> before looking at the store, then await it if nothing was there.</summary>
/// <remarks>Taking the task first means a pulse between "looked" and "waited" is never lost.</remarks>
public sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse()
    {
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}

/// <summary>What changed in the store, for the loops that wait on it.</summary>
public sealed class StoreSignals
{
    /// <summary>New outbox entries: the relay has work.</summary>
    public AsyncSignal Outbox { get; } = new();

    /// <summary>New inbound notices: subscribers have work.</summary>
    public AsyncSignal Inbox { get; } = new();

    /// <summary>New history entries: operators' watches have work.</summary>
    public AsyncSignal Changes { get; } = new();
}
