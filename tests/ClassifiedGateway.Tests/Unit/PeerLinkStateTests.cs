using ClassifiedGateway.Gateway.Routing;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The link's episodes: one failing line and one recovery line per outage, in the voice (relay or probe) that saw it first.</summary>
public sealed class PeerLinkStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly RpcException Down = new(new Status(StatusCode.Unavailable, "connection refused"));

    [Fact]
    public void The_relay_logs_an_outage_once_even_when_the_probe_saw_it_first_and_the_recovery_once()
    {
        var link = new PeerLinkState();
        Assert.Null(link.ReachableSince);
        Assert.True(link.Failed(Down, T0, byProbe: true));
        Assert.False(link.Failed(Down, T0.AddSeconds(2), byProbe: true));
        Assert.True(link.Failed(Down, T0.AddSeconds(3)));
        Assert.False(link.Failed(Down, T0.AddSeconds(4)));
        Assert.Equal(T0, link.FailingSince);
        Assert.Equal("Unavailable: connection refused", link.Cause);

        var closed = link.Succeeded(T0.AddSeconds(10));
        Assert.Equal(new ClosedEpisode(TimeSpan.FromSeconds(10), RelayLogged: true, ProbeLogged: true), closed);
        Assert.Null(link.FailingSince);
        Assert.Equal(T0.AddSeconds(10), link.ReachableSince);
        Assert.Null(link.Succeeded(T0.AddSeconds(11)));
        Assert.Equal(T0.AddSeconds(10), link.ReachableSince);
    }

    [Fact]
    public void A_probe_after_the_relay_logged_stays_silent_and_changes_pulse_the_strip()
    {
        var link = new PeerLinkState();
        var changed = link.Changed.Next;
        Assert.True(link.Failed(Down, T0));
        Assert.True(changed.IsCompleted);
        Assert.False(link.Failed(Down, T0.AddSeconds(1), byProbe: true));
        Assert.Equal(new ClosedEpisode(TimeSpan.FromSeconds(5), RelayLogged: true, ProbeLogged: false), link.Succeeded(T0.AddSeconds(5)));

        var retry = link.RetryToken;
        link.RequestRetry();
        Assert.True(retry.IsCancellationRequested);
        Assert.False(link.RetryToken.IsCancellationRequested);
    }
}
