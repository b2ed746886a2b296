using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Dashboard.Actions;

/// <summary>The operators' actions, each written to the audit trail with who, when and why. Only operators reach them (not
/// observers), from the console's own origin with its CSRF token: the authorization seam checks both before these run.</summary>
internal static class ActionEndpoints
{
    /// <summary>Longest note an operator may give.</summary>
    public const int MaxNote = 500;

    public static void Map(WebApplication app)
    {
        app.MapPost(HttpEndpoints.RetryRelay, RetryRelayAsync);
        app.MapPost(HttpEndpoints.ProposeSettlement, ProposeAsync);
        app.MapPost(HttpEndpoints.ApproveSettlement, ApproveAsync);
        app.MapGet(HttpEndpoints.Settlements, async (HttpRequest request, IConsoleStore store, CancellationToken ct) =>
            Results.Ok(await store.ListSettlementsAsync(request.Query["waiting"] == "true", 200, ct)));
    }

    /// <summary>Closes the relay's circuit and wakes it (and the link probe) out of any backoff.</summary>
    private static async Task<IResult> RetryRelayAsync(ActionNote body, HttpContext http, OutboxRelay relay, IGatewayStore store, TimeProvider time,
        CancellationToken ct)
    {
        if (Note(body) is not { } note)
        {
            return NoteProblem();
        }

        var caller = CallGuard.Caller(http);
        // Persist before acting: the audit entry exists even if the node stops right after.
        await store.AppendAuditAsync("relay-retry", "", caller.ToString(), $"retry the relay now (circuit closed, backoff ended): {note}", time.GetUtcNow(), ct);
        await relay.RetryNowAsync(ct);
        return Results.Ok(new { code = "RETRY_REQUESTED" });
    }

    private static async Task<IResult> ProposeAsync(string id, ActionNote body, HttpContext http, IConsoleStore store, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var obligation) || obligation <= 0)
        {
            return Problem(StatusCodes.Status404NotFound, "OBLIGATION_NOT_FOUND");
        }

        if (Note(body) is not { } note)
        {
            return NoteProblem();
        }

        var (result, settlement) = await store.ProposeSettlementAsync(obligation, note, CallGuard.Caller(http).ToString(), time.GetUtcNow(), ct);
        return Answer(result, settlement, "SETTLEMENT_PROPOSED");
    }

    private static async Task<IResult> ApproveAsync(string id, HttpContext http, IConsoleStore store, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var settlementId) || settlementId <= 0)
        {
            return Problem(StatusCodes.Status404NotFound, "SETTLEMENT_NOT_FOUND");
        }

        var (result, settlement) = await store.ApproveSettlementAsync(settlementId, CallGuard.Caller(http).ToString(), time.GetUtcNow(), ct);
        return Answer(result, settlement, "SETTLEMENT_APPROVED");
    }

    private static IResult Answer(SettlementResult result, Settlement? settlement, string done) => result switch
    {
        SettlementResult.Done => Results.Ok(new { code = done, settlement }),
        SettlementResult.NotFound => Problem(StatusCodes.Status404NotFound, "NOT_FOUND"),
        SettlementResult.AlreadyClosed => Problem(StatusCodes.Status409Conflict, "ALREADY_CLOSED"),
        SettlementResult.AlreadyProposed => Problem(StatusCodes.Status409Conflict, "ALREADY_PROPOSED"),
        SettlementResult.SameOperator => Problem(StatusCodes.Status403Forbidden, "FOUR_EYES"),
        _ => Problem(StatusCodes.Status409Conflict, "NOT_DONE"),
    };

    /// <summary>The note, trimmed, one line, when it is there and not too long.</summary>
    private static string? Note(ActionNote? body) =>
        body?.Note?.Trim() is { Length: > 0 and <= MaxNote } note ? SafeText.Bounded(note, MaxNote) : null;

    private static IResult NoteProblem() => Problem(StatusCodes.Status400BadRequest, "NOTE_REQUIRED");

    /// <summary>A refusal the page renders in the viewer's language from its code.</summary>
    private static IResult Problem(int status, string code) => Results.Json(new { code }, statusCode: status);
}

/// <summary>Why an operator acts: required, at most <see cref="ActionEndpoints.MaxNote"/> characters.</summary>
public sealed record ActionNote(string? Note);
