using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>What the callers saw: each accepted id with when it was submitted (wall clock, the nodes' clock on this
/// machine) and how long acceptance took; calls that failed for good.</summary>
internal sealed class LoadRecorder(int maxNotices)
{
    private int _next = -1;
    private int _failed;

    public ConcurrentDictionary<string, Submitted> Accepted { get; } = new();

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The next notice number, or null once the run's count bound is reached.</summary>
    public int? Take()
    {
        var n = Interlocked.Increment(ref _next);
        return n < maxNotices ? n : null;
    }

    public void RecordAccepted(string id, DateTimeOffset submittedAt, long startTimestamp) =>
        Accepted[id] = new Submitted(submittedAt, Stopwatch.GetElapsedTime(startTimestamp));

    public void RecordFailed() => Interlocked.Increment(ref _failed);

    public sealed record Submitted(DateTimeOffset At, TimeSpan ToAccepted);
}
