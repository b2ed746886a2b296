using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Tests.Unit;

public sealed class StagesTests
{
    [Theory]
    [InlineData(Stage.Accepted, Stage.Relayed, Stage.Relayed)]
    [InlineData(Stage.Delivered, Stage.Relayed, Stage.Delivered)]
    [InlineData(Stage.Accepted, Stage.Delivered, Stage.Delivered)]
    [InlineData(Stage.Acknowledged, Stage.Answered, Stage.Answered)]
    [InlineData(Stage.Answered, Stage.Acknowledged, Stage.Answered)]
    [InlineData(Stage.Accepted, Stage.RefusedByPeer, Stage.RefusedByPeer)]
    [InlineData(Stage.RefusedByPeer, Stage.Delivered, Stage.RefusedByPeer)]
    [InlineData(Stage.Refused, Stage.Accepted, Stage.Refused)]
    public void The_shown_stage_only_moves_forward_and_failures_end_it(Stage current, Stage reached, Stage expected) =>
        Assert.Equal(expected, Stages.Advance(current, reached));
}
