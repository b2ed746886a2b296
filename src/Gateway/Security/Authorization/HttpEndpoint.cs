namespace ClassifiedGateway.Gateway.Security;

/// <summary>An HTTP endpoint the node maps, named for the access policy; carried as endpoint metadata so the seam knows what was hit.</summary>
/// <param name="Name">Stable name used by the policy table and the audit trail.</param>
/// <param name="Pattern">The route pattern, as mapped.</param>
/// <param name="Method">The HTTP method it answers.</param>
/// <param name="Acts">Whether it changes state (an operator action): operators only, never observers; CSRF-checked by the seam.</param>
public sealed record HttpEndpoint(string Name, string Pattern, string Method = "GET", bool Acts = false);

/// <summary>Every HTTP endpoint the node maps. The mapping itself reads this list, so an endpoint cannot exist without an entry here,
/// and an endpoint without an entry is denied to everyone by the seam.</summary>
public static class HttpEndpoints
{
    public static readonly HttpEndpoint Metrics = new("metrics", "/metrics");
    public static readonly HttpEndpoint Live = new("healthz-live", "/healthz/live");
    public static readonly HttpEndpoint Ready = new("healthz-ready", "/healthz/ready");
    public static readonly HttpEndpoint DashboardPage = new("dashboard-page", "/");
    public static readonly HttpEndpoint DashboardAsset = new("dashboard-asset", "/assets/{name}");
    public static readonly HttpEndpoint Summary = new("api-summary", "/api/summary");
    public static readonly HttpEndpoint Messages = new("api-messages", "/api/messages");
    public static readonly HttpEndpoint Message = new("api-message", "/api/messages/{id}");
    public static readonly HttpEndpoint Evidence = new("api-evidence", "/api/messages/{id}/evidence");
    public static readonly HttpEndpoint Obligations = new("api-obligations", "/api/obligations");
    public static readonly HttpEndpoint Events = new("api-events", "/api/events");
    public static readonly HttpEndpoint ExportCsv = new("api-export-csv", "/api/export.csv");
    public static readonly HttpEndpoint Traffic = new("api-traffic", "/api/traffic");
    public static readonly HttpEndpoint Link = new("api-link", "/api/link");
    public static readonly HttpEndpoint LinkEvents = new("api-link-events", "/api/link/events");
    public static readonly HttpEndpoint Me = new("api-me", "/api/me");
    public static readonly HttpEndpoint Audit = new("api-audit", "/api/audit");
    public static readonly HttpEndpoint Settlements = new("api-settlements", "/api/settlements");
    public static readonly HttpEndpoint RetryRelay = new("action-retry-relay", "/api/actions/retry-relay", "POST", Acts: true);
    public static readonly HttpEndpoint ProposeSettlement = new("action-propose-settlement", "/api/obligations/{id}/settlements", "POST", Acts: true);
    public static readonly HttpEndpoint ApproveSettlement = new("action-approve-settlement", "/api/settlements/{id}/approve", "POST", Acts: true);

    /// <summary>All of them, in mapping order.</summary>
    public static readonly IReadOnlyList<HttpEndpoint> All =
        [Metrics, Live, Ready, DashboardPage, DashboardAsset, Summary, Messages, Message, Evidence, Obligations, Events, ExportCsv, Traffic,
            Link, LinkEvents, Me, Audit, Settlements, RetryRelay, ProposeSettlement, ApproveSettlement];

    /// <summary>The endpoint, after checking it is in <see cref="All"/>: mapping an unlisted one fails at start, so no endpoint
    /// can exist outside the policy table and the matrix test.</summary>
    public static HttpEndpoint Listed(HttpEndpoint endpoint) =>
        All.Contains(endpoint) ? endpoint : throw new InvalidOperationException($"HTTP endpoint '{endpoint.Name}' is not in HttpEndpoints.All.");
}

/// <summary>Maps HTTP endpoints only through <see cref="HttpEndpoints"/>.</summary>
public static class HttpEndpointMapping
{
    /// <summary>Maps GET <paramref name="endpoint"/>'s pattern to <paramref name="handler"/>, carrying the endpoint for the seam.</summary>
    public static IEndpointConventionBuilder MapGet(this IEndpointRouteBuilder app, HttpEndpoint endpoint, Delegate handler) =>
        endpoint.Method == "GET"
            ? app.MapGet(HttpEndpoints.Listed(endpoint).Pattern, handler).WithMetadata(endpoint)
            : throw new InvalidOperationException($"HTTP endpoint '{endpoint.Name}' is {endpoint.Method}, not GET.");

    /// <summary>Maps POST <paramref name="endpoint"/>'s pattern to <paramref name="handler"/>, carrying the endpoint for the seam.</summary>
    public static IEndpointConventionBuilder MapPost(this IEndpointRouteBuilder app, HttpEndpoint endpoint, Delegate handler) =>
        endpoint.Method == "POST"
            ? app.MapPost(HttpEndpoints.Listed(endpoint).Pattern, handler).WithMetadata(endpoint)
            : throw new InvalidOperationException($"HTTP endpoint '{endpoint.Name}' is {endpoint.Method}, not POST.");

    /// <summary>Marks an endpoint mapped by a library (metrics, health) as <paramref name="endpoint"/>.</summary>
    public static TBuilder Is<TBuilder>(this TBuilder builder, HttpEndpoint endpoint)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(HttpEndpoints.Listed(endpoint));
}
