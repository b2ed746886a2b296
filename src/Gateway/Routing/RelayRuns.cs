using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>What one relay message carries: the oldest entries of one type, at most a count and at most a size.</summary>
/// <remarks>The size bound is the node's own <see cref="Security.LimitsOptions.MaxMessageBytes"/>, counted as each notice's
/// envelope plus <see cref="EntryOverhead"/> for what the relay wraps around it (sequence, time, signature or batch proof). The
/// other node takes relay messages up to that limit plus <see cref="Security.LimitsOptions.PeerFrameAllowance"/>, so one notice
/// as large as a submit may be still passes alone. Without the size bound, a few large notices made one message the other
/// node refused (RESOURCE_EXHAUSTED, transient), and the relay retried it for ever.</remarks>
internal static class RelayRuns
{
    /// <summary>More than a relayed notice's or a status report's own fields take besides the envelope: sequence, timestamp,
    /// message id (≤ 128), signature (≤ 80) or a batch proof (≤ 13 sibling hashes for 5,000 entries).</summary>
    public const int EntryOverhead = 1024;

    /// <summary>The entries from the oldest on that share its type, within <paramref name="maxCount"/> and, after the first,
    /// within <paramref name="maxBytes"/>; never empty when <paramref name="entries"/> is not.</summary>
    public static List<OutboxEntry> Take(IReadOnlyList<OutboxEntry> entries, int maxCount, int maxBytes)
    {
        var run = new List<OutboxEntry>();
        long bytes = 0;
        foreach (var entry in entries)
        {
            var size = (entry.EnvelopeBytes?.Length ?? 0) + EntryOverhead;
            if (run.Count > 0 && (entry.Type != run[0].Type || run.Count >= maxCount || bytes + size > maxBytes))
            {
                break;
            }

            run.Add(entry);
            bytes += size;
        }

        return run;
    }
}
