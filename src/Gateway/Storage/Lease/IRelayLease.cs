namespace ClassifiedGateway.Gateway.Storage.Lease;

/// <summary>Which replica of a node relays to the other node: exactly one holds the lease at a time.</summary>
/// <remarks>The relay waits for it at the top of its loop and links the returned token into every call it makes, so losing
/// the lease (its database session broke) stops sending at once. SQLite: the one node is always the holder.</remarks>
public interface IRelayLease
{
    /// <summary>Whether this replica holds the lease now.</summary>
    bool Held { get; }

    /// <summary>Pulsed whenever <see cref="Held"/> changes (the console's strip, metrics).</summary>
    AsyncSignal Changed { get; }

    /// <summary>Waits until this replica holds the lease; the token returned is cancelled the moment it is lost.</summary>
    Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken);
}
