using System.Globalization;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Dashboard.Audit;

/// <summary>Who the viewer is, and the audit trail with the verifier's verdict.</summary>
internal static class AuditEndpoints
{
    private const int PageSize = 100;

    public static void Map(WebApplication app)
    {
        app.MapGet(HttpEndpoints.Me, Me);
        app.MapGet(HttpEndpoints.Audit, AuditAsync);
    }

    /// <summary>The node, the viewer's certificate identity and role, and the CSRF token the console's actions carry.</summary>
    private static IResult Me(HttpContext http, ConsoleCsrf csrf, IOptions<GatewayOptions> options)
    {
        var caller = CallGuard.Caller(http);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new
        {
            node = DashboardViews.Code(options.Value.LocalParty),
            body = caller.Body,
            identity = caller.ToString(),
            role = CallerIdentity.RoleName(caller.Role),
            mayAct = caller.Role == CallerRole.Operator,
            csrf = csrf.TokenFor(http.Connection.ClientCertificate!),
        });
    }

    /// <summary>A page of the audit trail, newest first, and the verdict of the last verification (a new one with verify=true).</summary>
    private static async Task<IResult> AuditAsync(HttpRequest request, IConsoleStore store, AuditWatch watch, CancellationToken ct)
    {
        long? before = long.TryParse(request.Query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null;
        var verification = request.Query["verify"] != "true" && watch.Latest is { } latest ? latest : await watch.VerifyAsync(ct);
        var entries = await store.ReadAuditPageAsync(before, PageSize + 1, ct);
        return Results.Ok(new
        {
            verdict = new
            {
                intact = verification.Verdict.Intact,
                firstBroken = verification.Verdict.FirstBrokenSequence,
                message = verification.Verdict.Message,
                entries = verification.Verdict.Entries,
                checkpoints = verification.Verdict.Checkpoints,
                at = verification.At,
            },
            items = entries.Take(PageSize).Select(e => new
            {
                sequence = e.Sequence,
                at = Domain.Times.FromUnixMs(e.AtMs),
                kind = e.Kind,
                messageId = e.MessageId,
                actor = e.Actor,
                detail = e.Detail,
            }),
            next = entries.Count > PageSize ? entries[PageSize - 1].Sequence : (long?)null,
        });
    }
}
