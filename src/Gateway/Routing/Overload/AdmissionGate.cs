using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing.Overload;

/// <summary>Admits a submit only while the node's writer keeps up (<see cref="AdmissionOptions"/>); otherwise
/// RESOURCE_EXHAUSTED with RetryInfo before anything is queued. One warning per overload episode, one line when it ends.</summary>
internal sealed partial class AdmissionGate(IOptions<AdmissionOptions> options, TimeProvider time, ILogger<AdmissionGate> logger)
{
    /// <summary>Weight of the newest sample in the latency average (1/8: a few hundred writes make a trend, one slow one does not).</summary>
    private const int Smoothing = 8;

    private long _pending;
    private long _latencyTicks;
    private int _overloaded;
    private long _refused;

    /// <summary>Submits admitted and not yet committed or failed.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Submits refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The smoothed time from admission to commit of recent writes.</summary>
    public TimeSpan RecentLatency => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));

    /// <summary>Admits one write or throws <see cref="OverloadedException"/>; dispose the ticket when the write is answered.</summary>
    public Ticket Enter()
    {
        var settings = options.Value;
        var pending = Interlocked.Increment(ref _pending);
        var latency = RecentLatency;
        if (pending > settings.MaxPendingWrites || (pending > settings.LatencyProbeWrites && latency > settings.MaxWriteLatency))
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _refused);
            if (Interlocked.Exchange(ref _overloaded, 1) == 0)
            {
                LogOverloaded(logger, pending - 1, (long)latency.TotalMilliseconds);
            }

            throw new OverloadedException(settings.RetryAfter);
        }

        if (Volatile.Read(ref _overloaded) == 1 && Interlocked.Exchange(ref _overloaded, 0) == 1)
        {
            LogRecovered(logger, pending, (long)latency.TotalMilliseconds);
        }

        return new Ticket(this, time.GetTimestamp());
    }

    private void Leave(long startedAt)
    {
        Interlocked.Decrement(ref _pending);
        var sample = time.GetElapsedTime(startedAt).Ticks;
        // Racing updates may lose a sample; the average stays an average.
        var old = Interlocked.Read(ref _latencyTicks);
        Interlocked.Exchange(ref _latencyTicks, old + ((sample - old) / Smoothing));
    }

    /// <summary>One admitted write; disposing it (once) records its latency and frees its place.</summary>
    public sealed class Ticket(AdmissionGate gate, long startedAt) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(startedAt);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Overloaded: refusing submits with RESOURCE_EXHAUSTED ({Pending} waiting for the writer, recent commit latency {LatencyMs} ms)")]
    private static partial void LogOverloaded(ILogger logger, long pending, long latencyMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "Overload over: admitting submits again ({Pending} waiting for the writer, recent commit latency {LatencyMs} ms)")]
    private static partial void LogRecovered(ILogger logger, long pending, long latencyMs);
}
