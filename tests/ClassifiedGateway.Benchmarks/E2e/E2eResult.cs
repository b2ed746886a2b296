namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>One run's figures.</summary>
internal sealed record E2eResult(
    int Callers, int Accepted, int Failed, int Missing, bool Drained, double LoadSeconds, double DrainSeconds,
    double AcknowledgedPerSecond, double AcceptedPerSecond, Percentiles ToAccepted, Percentiles ToAcknowledged,
    NodeCost Kz, NodeCost Tm, double ClientCpuMicros, ServerCost? Server = null)
{
    /// <summary>Every accepted notice reached ACKNOWLEDGED at KZ and no call failed for good.</summary>
    public bool Verified => Drained && Missing == 0 && Failed == 0;
}

/// <summary>p50 and p99 in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P99)
{
    public static Percentiles Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? new(double.NaN, double.NaN) : new(At(sorted, 0.50), At(sorted, 0.99));
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}

/// <summary>The PostgreSQL server's cost per notice over a run (both Parties' databases are on it): CPU µs of its processes,
/// WAL syncs.</summary>
internal sealed record ServerCost(double CpuMicros, double WalSyncs)
{
    public static ServerCost Between(ServerSnapshot before, ServerSnapshot after, int notices)
    {
        var n = Math.Max(1, notices);
        return new((after.Cpu - before.Cpu).TotalMicroseconds / n, (after.WalSyncs - before.WalSyncs) / (double)n);
    }
}

/// <summary>One node's cost per notice over a run (load and drain): CPU µs (all threads; the tier-up thread's part), fsyncs, SQL statements, commits; and peak RSS.</summary>
internal sealed record NodeCost(double CpuMicros, double TierUpMicros, double? Fsyncs, double? Statements, double? Commits, double PeakRssMb)
{
    public static NodeCost Between(NodeSnapshot before, NodeSnapshot after, int notices, long peakRssBytes)
    {
        var n = Math.Max(1, notices);
        return new(
            (after.Cpu - before.Cpu).TotalMicroseconds / n,
            (after.TierUpCpu - before.TierUpCpu).TotalMicroseconds / n,
            after.Fsyncs - before.Fsyncs is { } f ? (double)f / n : null,
            after.Statements - before.Statements is { } s ? s / n : null,
            after.Commits - before.Commits is { } c ? c / n : null,
            peakRssBytes / (1024.0 * 1024.0));
    }

    /// <summary>A Party's replicas together: the sums of their costs per notice; the largest peak RSS of one replica.</summary>
    public static NodeCost Replicas(IReadOnlyList<NodeCost> replicas) => new(
        replicas.Sum(r => r.CpuMicros),
        replicas.Sum(r => r.TierUpMicros),
        replicas.All(r => r.Fsyncs is not null) ? replicas.Sum(r => r.Fsyncs) : null,
        replicas.All(r => r.Statements is not null) ? replicas.Sum(r => r.Statements) : null,
        replicas.All(r => r.Commits is not null) ? replicas.Sum(r => r.Commits) : null,
        replicas.Max(r => r.PeakRssMb));
}
