using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The console's aggregates: a range read over <c>ix_messages_accepted_at</c>.</summary>
internal sealed partial class SqlGatewayStore : IConsoleQueries
{
    private const long HourMs = 3_600_000;

    public async Task<IReadOnlyList<TrafficCount>> TrafficAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT (accepted_at / {HourMs}) * {HourMs} AS hour, stage, kind, direction, COUNT(*)
            FROM messages WHERE accepted_at >= @since
            GROUP BY hour, stage, kind, direction ORDER BY hour
            """,
            r => new TrafficCount(Times.FromUnixMs(r.GetInt64(0)), (Stage)r.GetInt32(1), r.GetString(2), (Direction)r.GetInt32(3), r.GetInt64(4)),
            cancellationToken, ("@since", Times.ToUnixMs(since)));
}
