using System.ComponentModel.DataAnnotations;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing.Overload;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The relay backlog's pacing: high- and low-water marks, what a unary submit and a stream see, and the options' checks.</summary>
public sealed class RelayBacklogGateTests
{
    private static RelayBacklogGate Gate(int max = 20, int resume = 10, FakeTimeProvider? time = null) => new(
        Microsoft.Extensions.Options.Options.Create(new AdmissionOptions
        {
            MaxRelayBacklog = max,
            ResumeRelayBacklog = resume,
            RetryAfter = TimeSpan.FromMilliseconds(750),
        }),
        time ?? new FakeTimeProvider(),
        NullLogger<RelayBacklogGate>.Instance);

    [Fact]
    public async Task The_other_nodes_reported_backlog_counts_with_this_nodes_own()
    {
        var gate = Gate();
        gate.PeerReported(15);
        gate.Sampled(10);
        Assert.True(gate.Pacing);
        Assert.Equal(25, gate.Backlog);
        Assert.Equal(15, gate.PeerBacklog);
        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();

        // The other node caught up with its answers: this node's own 10 alone are at the low-water mark.
        gate.PeerReported(0);
        gate.Sampled(10);
        Assert.False(gate.Pacing);
        await waiting;
    }

    [Fact]
    public void A_report_or_a_count_older_than_two_seconds_is_not_news()
    {
        var time = new FakeTimeProvider();
        var gate = Gate(time: time);
        Assert.Equal(0, gate.OwnBacklog);
        gate.PeerReported(100);
        gate.Sampled(7);
        Assert.True(gate.Pacing);
        Assert.Equal(7, gate.OwnBacklog);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, gate.PeerBacklog);
        Assert.Equal(0, gate.OwnBacklog);
        gate.Sampled(5);
        Assert.False(gate.Pacing);
        Assert.Equal(5, gate.Backlog);
    }

    [Fact]
    public void Lifting_the_bound_forgets_both_counts_so_nothing_stale_is_reported_or_compared()
    {
        var gate = Gate();
        gate.PeerReported(50);
        gate.Sampled(3);
        gate.Lift("the link to the other node is down");
        Assert.False(gate.Pacing);
        Assert.Equal(0, gate.OwnBacklog);
        Assert.Equal(0, gate.PeerBacklog);
        gate.Sampled(3);
        Assert.False(gate.Pacing);
    }

    [Fact]
    public async Task Above_the_high_water_mark_unary_submits_are_refused_and_streams_wait_until_the_low_water_mark()
    {
        var gate = Gate();
        gate.Sampled(20);
        Assert.False(gate.Pacing);
        gate.EnsureAdmitted();
        Assert.True(gate.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);

        gate.Sampled(21);
        Assert.True(gate.Pacing);
        var refused = Assert.Throws<RelayBacklogFullException>(gate.EnsureAdmitted);
        Assert.Equal(TimeSpan.FromMilliseconds(750), refused.RetryAfter);
        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        // Between the marks the episode goes on (hysteresis).
        gate.Sampled(11);
        Assert.True(gate.Pacing);
        Assert.False(waiting.IsCompleted);

        gate.Sampled(10);
        Assert.False(gate.Pacing);
        await waiting;
        gate.EnsureAdmitted();
        Assert.Equal(1, gate.Refused);
        Assert.Equal(1, gate.Held);
        Assert.Equal(1, gate.Episodes);
    }

    [Fact]
    public async Task Lifting_the_bound_ends_an_episode_at_once_whatever_the_backlog()
    {
        var gate = Gate();
        gate.Sampled(500);
        var waiting = gate.WaitAsync(CancellationToken.None).AsTask();

        gate.Lift("the link to the other node is down");

        await waiting;
        Assert.False(gate.Pacing);
        gate.EnsureAdmitted();
        Assert.Equal(500, gate.Backlog);
    }

    [Fact]
    public async Task A_waiting_stream_is_released_by_its_cancellation()
    {
        var gate = Gate();
        gate.Sampled(21);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.WaitAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(gate.Pacing);
    }

    [Fact]
    public void A_bound_of_zero_never_paces()
    {
        var gate = Gate(max: 0, resume: 0);
        gate.Sampled(1_000_000);
        Assert.False(gate.Pacing);
        gate.EnsureAdmitted();
    }

    [Theory]
    [InlineData(4_000, 2_000, true)]
    [InlineData(20, 19, true)]
    [InlineData(0, 0, true)]
    [InlineData(0, 5, true)]
    [InlineData(20, 20, false)]
    [InlineData(20, 30, false)]
    public void The_low_water_mark_must_lie_below_the_high_water_mark(int max, int resume, bool valid)
    {
        var options = new AdmissionOptions { MaxRelayBacklog = max, ResumeRelayBacklog = resume };
        Assert.Equal(valid, new AdmissionOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(-1, 0, 100)]
    [InlineData(10, -1, 100)]
    [InlineData(10, 5, 5)]
    [InlineData(10, 5, 20_000)]
    public void Out_of_range_values_are_refused(int max, int resume, int pollMs)
    {
        var options = new AdmissionOptions { MaxRelayBacklog = max, ResumeRelayBacklog = resume, RelayBacklogPoll = TimeSpan.FromMilliseconds(pollMs) };
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new AdmissionOptions();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.True(new AdmissionOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0, 7L)] // just written
    [InlineData(-1000, 7L)] // a second old: still fresh
    [InlineData(-1001, null)] // older: the relaying replica stopped writing it (lost its lease, or the link)
    [InlineData(1000, 7L)] // a replica's clock a second behind
    [InlineData(1001, null)] // further ahead than freshness allows: not believed
    public void A_standby_believes_the_shared_figure_of_the_other_nodes_backlog_only_while_it_is_fresh(int ageMs, long? believed)
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(1);

        Assert.Equal(believed, RelayBacklogSampler.Believed((7, now.AddMilliseconds(ageMs)), now));
        Assert.Null(RelayBacklogSampler.Believed(null, now));
    }

    [Theory]
    [InlineData(true, false, true, CircuitState.Closed, null)]
    [InlineData(false, false, true, CircuitState.Closed, null)] // a standby paces too: it knows the link from its own probe
    [InlineData(false, false, true, CircuitState.Open, null)] // the circuit is the relay's, not a standby's
    [InlineData(true, false, true, CircuitState.Open, "down")]
    [InlineData(true, false, true, CircuitState.Isolated, "down")]
    [InlineData(true, true, true, CircuitState.Closed, "down")]
    [InlineData(false, true, true, CircuitState.Closed, "down")]
    [InlineData(true, false, false, CircuitState.Closed, "not answered")]
    [InlineData(false, false, false, CircuitState.Closed, "not answered")]
    public void The_bound_applies_while_the_link_is_up_on_the_replica_that_relays_and_on_a_standby(
        bool relays, bool failing, bool reachable, CircuitState circuit, string? why)
    {
        var at = DateTimeOffset.UnixEpoch;
        var said = RelayBacklogSampler.WhyNot(relays, failing ? at : null, reachable ? at : null, circuit);

        if (why is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(why, said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_other_nodes_report_counts_only_up_to_the_status_reports_it_can_owe()
    {
        var gate = Gate();
        gate.PeerReported(1_000_000);

        gate.Sampled(3, peerCanOwe: 10);
        Assert.Equal(13, gate.Backlog);
        Assert.False(gate.Pacing);

        gate.Sampled(3, peerCanOwe: 0);
        Assert.Equal(3, gate.Backlog);

        gate.Sampled(3, peerCanOwe: 30);
        Assert.Equal(33, gate.Backlog);
        Assert.True(gate.Pacing);
    }

    [Fact]
    public void What_the_other_node_can_owe_is_two_reports_per_notice_it_holds_undelivered_and_one_per_notice_unacknowledged()
    {
        StageCount[] counts =
        [
            new() { Stage = Stage.Accepted, Direction = Direction.Outbound, Count = 100 },
            new() { Stage = Stage.Relayed, Direction = Direction.Outbound, Count = 7 },
            new() { Stage = Stage.Delivered, Direction = Direction.Outbound, Count = 5 },
            new() { Stage = Stage.Acknowledged, Direction = Direction.Outbound, Count = 1_000 },
            new() { Stage = Stage.Relayed, Direction = Direction.Inbound, Count = 50 },
        ];

        Assert.Equal(19, RelayBacklogGate.StatusReportsOwed(counts));
        Assert.Equal(0, RelayBacklogGate.StatusReportsOwed([]));
    }
}
