using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The development clock moves the node's business time only; certificates are always judged on the real clock.</summary>
public sealed class RealClockTests
{
    [Fact]
    public async Task Certificates_stay_valid_after_the_development_clock_moves_past_their_expiry()
    {
        await using var pair = await NodePair.StartAsync();
        var moved = await pair.KzNode.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(3650)) });
        Assert.True(moved.Now.ToDateTimeOffset() > TimeProvider.System.GetUtcNow().AddYears(9));

        // A new connection (a fresh handshake) and the node's own view of its certificates.
        using var channel = pair.KzNode.Channel(pair.KzSettings.OperatorPort, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var health = await new OperatorService.OperatorServiceClient(channel).GetNodeHealthAsync(new GetNodeHealthRequest(),
            deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(15));
        Assert.All(health.Certificates, c => Assert.True(c.DaysLeft > 0, $"{c.Name} judged on the moved clock: {c.DaysLeft} days left"));
    }
}
