using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Storage;

/// <summary>Read-only aggregates for the operators' console (kept apart from the node's own store roles).</summary>
public interface IConsoleQueries
{
    /// <summary>Notices accepted per hour since <paramref name="since"/>, by current stage, kind and direction, oldest hour first.</summary>
    Task<IReadOnlyList<TrafficCount>> TrafficAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>How many notices of one kind, direction and current stage this node accepted in one hour (UTC, start of the hour).</summary>
public sealed record TrafficCount(DateTimeOffset Hour, Stage Stage, string Kind, Direction Direction, long Count);
