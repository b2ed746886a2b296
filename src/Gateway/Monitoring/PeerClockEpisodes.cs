using System.Globalization;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>When a skew between the nodes starts and ends: an episode starts when the offset exceeds the tolerance and ends
/// when it is back within half of it (so an offset hovering at the tolerance does not raise an alarm per notice).</summary>
internal sealed class PeerClockEpisodes
{
    private readonly Lock _gate = new();
    private bool _skewed;

    /// <summary>Whether an episode is open.</summary>
    public bool Skewed => _skewed;

    public PeerClockChange? Observe(TimeSpan offset, TimeSpan tolerance)
    {
        lock (_gate)
        {
            if (!_skewed && offset.Duration() > tolerance)
            {
                _skewed = true;
                return new PeerClockChange(true,
                    $"ALARM: the other node's clock is {Describe(offset)} this node's (tolerance {Seconds(tolerance)} s); its notices are still accepted and each node keeps its stage times in its own clock");
            }

            if (_skewed && offset.Duration() <= tolerance / 2)
            {
                _skewed = false;
                return new PeerClockChange(false, $"the other node's clock is back within tolerance ({Describe(offset)} this node's)");
            }

            return null;
        }
    }

    private static string Describe(TimeSpan offset) =>
        $"{Seconds(offset.Duration())} s {(offset >= TimeSpan.Zero ? "ahead of" : "behind")}";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
