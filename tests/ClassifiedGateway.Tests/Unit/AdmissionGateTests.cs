using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing.Overload;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClassifiedGateway.Tests.Unit;

public sealed class AdmissionGateTests
{
    private readonly FakeTimeProvider _time = new();

    private AdmissionGate Gate(int maxPending = 3, int probe = 1) => new(
        Microsoft.Extensions.Options.Options.Create(new AdmissionOptions
        {
            MaxPendingWrites = maxPending,
            LatencyProbeWrites = probe,
            MaxWriteLatency = TimeSpan.FromSeconds(2),
            RetryAfter = TimeSpan.FromMilliseconds(750),
        }),
        _time,
        NullLogger<AdmissionGate>.Instance);

    [Fact]
    public void Beyond_the_pending_bound_a_submit_is_refused_with_the_retry_delay_and_a_freed_place_admits_again()
    {
        var gate = Gate();
        var admitted = new[] { gate.Enter(), gate.Enter(), gate.Enter() };

        var refused = Assert.Throws<OverloadedException>(() => gate.Enter());
        Assert.Equal(TimeSpan.FromMilliseconds(750), refused.RetryAfter);
        Assert.Equal(3, gate.Pending);
        Assert.Equal(1, gate.Refused);

        admitted[0].Dispose();
        admitted[0].Dispose();
        Assert.Equal(2, gate.Pending);
        using var again = gate.Enter();
        Assert.Equal(3, gate.Pending);
    }

    [Fact]
    public void Slow_commits_refuse_beyond_the_probe_writes_and_fast_ones_bring_admission_back()
    {
        var gate = Gate(maxPending: 100, probe: 1);
        for (var i = 0; i < 40; i++)
        {
            using var slow = gate.Enter();
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.True(gate.RecentLatency > TimeSpan.FromSeconds(2));
        using var probe = gate.Enter();
        Assert.Throws<OverloadedException>(() => gate.Enter());

        // The probe writes keep measuring: once commits are fast again the average falls under the bound.
        probe.Dispose();
        for (var i = 0; i < 40 && gate.RecentLatency > TimeSpan.FromSeconds(2); i++)
        {
            using var fast = gate.Enter();
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        using var first = gate.Enter();
        using var second = gate.Enter();
        Assert.Equal(2, gate.Pending);
    }
}
