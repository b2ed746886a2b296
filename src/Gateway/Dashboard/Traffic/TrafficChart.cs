using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Dashboard.Traffic;

/// <summary>Notices per hour over the last days, by current stage, kind and direction, from this node's own store; the page draws it.</summary>
internal static class TrafficChart
{
    public const int DefaultDays = 7;
    public const int MaxDays = 31;

    public static async Task<IResult> HandleAsync(HttpRequest request, IConsoleQueries queries, TimeProvider time, CancellationToken ct)
    {
        var days = int.TryParse(request.Query["days"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? Math.Clamp(d, 1, MaxDays)
            : DefaultDays;
        var now = time.GetUtcNow();
        var since = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1).AddDays(-days);
        var counts = await queries.TrafficAsync(since, ct);
        return Results.Ok(new
        {
            since,
            until = now,
            hours = counts.Select(c => new { hour = c.Hour, stage = DashboardViews.Name(c.Stage), kind = c.Kind, direction = c.Direction == Contracts.V1.Direction.Outbound ? "outbound" : "inbound", count = c.Count }),
        });
    }
}
