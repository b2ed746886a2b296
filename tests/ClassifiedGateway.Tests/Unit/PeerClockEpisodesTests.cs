using ClassifiedGateway.Gateway.Monitoring;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>One alarm per skew episode, not one per notice; the episode ends only when the offset is back within half the tolerance.</summary>
public sealed class PeerClockEpisodesTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(0, false)]
    [InlineData(119, false)]
    [InlineData(120, false)]
    [InlineData(121, true)]
    [InlineData(-121, true)]
    [InlineData(600, true)]
    [InlineData(-600, true)]
    public void An_episode_starts_only_beyond_the_tolerance(int offsetSeconds, bool starts)
    {
        var change = new PeerClockEpisodes().Observe(TimeSpan.FromSeconds(offsetSeconds), Tolerance);

        Assert.Equal(starts, change is { Started: true });
        if (starts)
        {
            Assert.StartsWith("ALARM:", change!.Detail, StringComparison.Ordinal);
            Assert.Contains(offsetSeconds > 0 ? $"{offsetSeconds} s ahead of" : $"{-offsetSeconds} s behind", change.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lasting_skew_raises_one_alarm_and_its_end_is_reported_once()
    {
        var episodes = new PeerClockEpisodes();
        var changes = new[] { 600, 599, 601, 90, 61, 60, 10, -5, 30 }
            .Select(s => episodes.Observe(TimeSpan.FromSeconds(s), Tolerance)).ToList();

        Assert.True(changes[0] is { Started: true });
        Assert.All(changes.Skip(1).Take(4), Assert.Null); // still skewed, then hovering between half and full tolerance
        Assert.True(changes[5] is { Started: false }); // back within half the tolerance
        Assert.All(changes.Skip(6), Assert.Null);
        Assert.False(episodes.Skewed);
    }

    [Fact]
    public void A_new_skew_after_recovery_is_a_new_episode()
    {
        var episodes = new PeerClockEpisodes();
        Assert.NotNull(episodes.Observe(TimeSpan.FromMinutes(-10), Tolerance));
        Assert.NotNull(episodes.Observe(TimeSpan.Zero, Tolerance));
        var again = episodes.Observe(TimeSpan.FromMinutes(10), Tolerance);

        Assert.True(again is { Started: true });
        Assert.Contains("ahead of", again!.Detail, StringComparison.Ordinal);
    }
}
