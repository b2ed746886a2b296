using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Counts streamed items per identity (one token bucket per client certificate, <see cref="LimitsOptions.ItemsPerSecondPerIdentity"/>):
/// an item beyond the rate waits for its token, so the stream slows and HTTP/2 flow control pushes back on the client.</summary>
/// <remarks>Identities are this node's own Party's certificates (the seam admits no others on the local listener): few, so the buckets are kept.</remarks>
internal sealed class StreamItemLimiter(IOptions<LimitsOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>Waits until <paramref name="identity"/> may send <paramref name="items"/> more items.</summary>
    public async ValueTask WaitAsync(string identity, int items, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(identity, static (_, limits) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.ItemBurstPerIdentity,
            TokensPerPeriod = limits.ItemsPerSecondPerIdentity,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }), options.Value);
        var permits = Math.Min(items, options.Value.ItemBurstPerIdentity);
        using var lease = await bucket.AcquireAsync(permits, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
