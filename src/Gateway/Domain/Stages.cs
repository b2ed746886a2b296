using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>The one place that decides how a message's stage may move.</summary>
public static class Stages
{
    /// <summary>Progress stages move forward only; refused and failed end a message.</summary>
    public static bool IsTerminalFailure(Stage stage) => stage is Stage.Refused or Stage.RefusedByPeer or Stage.Failed;

    /// <summary>The stage a message shows after <paramref name="reached"/> happens to it at <paramref name="current"/>.</summary>
    /// <remarks>Reports can overtake each other (a delivery report may land before a retried receipt), so the
    /// shown stage is the furthest one reached; every stage still gets its own history entry.</remarks>
    public static Stage Advance(Stage current, Stage reached)
    {
        if (IsTerminalFailure(current))
        {
            return current;
        }

        if (IsTerminalFailure(reached))
        {
            return reached;
        }

        return reached > current ? reached : current;
    }
}
