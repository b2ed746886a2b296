namespace ClassifiedGateway.Gateway.Storage.Lease;

/// <summary>The lease of a node that has no other replica (SQLite: one node owns its file): always held, never lost.</summary>
internal sealed class SoleRelayLease : IRelayLease
{
    public bool Held => true;

    public AsyncSignal Changed { get; } = new();

    public Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);
}
