using System.Collections.Concurrent;
using System.Net;

namespace ClassifiedGateway.Gateway.Hosting.Connections;

/// <summary>Counts, per remote address, the connections that have not finished their TLS handshake yet.</summary>
/// <remarks>Idle sockets that never start TLS then cost their own address a few slots for the handshake timeout, and never
/// the node's connection limit that legitimate callers need.</remarks>
internal sealed class PendingHandshakes(int maxPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, int> _pending = new();

    /// <summary>Addresses with a handshake in progress (for tests and metrics).</summary>
    public int Addresses => _pending.Count;

    /// <summary>A slot for one handshake from <paramref name="address"/>, or null when that address already has its quota.</summary>
    public Slot? TryEnter(IPAddress address)
    {
        while (true)
        {
            var current = _pending.GetValueOrDefault(address);
            if (current >= maxPerAddress)
            {
                return null;
            }

            if (current == 0 ? _pending.TryAdd(address, 1) : _pending.TryUpdate(address, current + 1, current))
            {
                return new Slot(this, address);
            }
        }
    }

    private void Leave(IPAddress address)
    {
        while (true)
        {
            var current = _pending[address];
            if (current == 1 ? _pending.TryRemove(KeyValuePair.Create(address, 1)) : _pending.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    /// <summary>One pending handshake; released once, when TLS completes or the connection ends, whichever is first.</summary>
    internal sealed class Slot(PendingHandshakes owner, IPAddress address)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(address);
            }
        }
    }
}
