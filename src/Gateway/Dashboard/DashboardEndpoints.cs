using System.Globalization;
using System.Text.Json;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Dashboard.Export;
using ClassifiedGateway.Gateway.Dashboard.Search;
using ClassifiedGateway.Gateway.Dashboard.Traffic;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Dashboard;

/// <summary>The operators' dashboard on the operator listener: the page, its assets, a read-only JSON API and a live event stream.</summary>
internal static class DashboardEndpoints
{
    private const int PageSize = 50;

    /// <summary>Maps the dashboard; only this Party's operators on the operator listener reach it (the authorization seam).</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet(HttpEndpoints.DashboardPage, () => Asset("index.html"));
        app.MapGet(HttpEndpoints.DashboardAsset, (string name) => Asset(name));
        app.MapGet(HttpEndpoints.Summary, SummaryAsync);
        app.MapGet(HttpEndpoints.Messages, ListAsync);
        app.MapGet(HttpEndpoints.Message, DetailAsync);
        app.MapGet(HttpEndpoints.Evidence, EvidenceAsync);
        app.MapGet(HttpEndpoints.Obligations, ObligationsAsync);
        app.MapGet(HttpEndpoints.Events, EventsAsync);
        app.MapGet(HttpEndpoints.ExportCsv, CsvExport.HandleAsync);
        app.MapGet(HttpEndpoints.Traffic, TrafficChart.HandleAsync);
    }

    private static IResult Asset(string name)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"dashboard/{name}");
        if (stream is null)
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }

    private static async Task<Summary> SummaryAsync(IGatewayStore store, RuleEngine rules, TimeProvider time, IOptions<GatewayOptions> options, HostTimeZones zones, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var party = options.Value.LocalParty;
        var state = await store.ReadLedgerAsync(ledger => rules.Agreement(ledger, party, now), ct);
        var (open, overdue) = await store.CountObligationsAsync(ct);
        var stages = (await store.CountByStageAsync(ct)).GroupBy(c => DashboardViews.Name(c.Stage)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new Summary(DashboardViews.Code(party), state.Status.ToString(), Date(state.InForceSince), Date(state.TerminatesOn), open, overdue, stages, now,
            Date(state.LastDayInForce), state.TerminationReading == TerminationReading.Unspecified ? null : state.TerminationReading.ToString(),
            (int)zones.For(party).GetUtcOffset(now).TotalMinutes);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IGatewayStore store, ListFilters filters, IOptions<GatewayOptions> options, CancellationToken ct)
    {
        var (query, unmatched) = filters.Read(request.Query, options.Value.LocalParty, PageSize);
        var page = await store.ListMessagesAsync(query, ct);
        return Results.Ok(new { items = page.Messages.Select(DashboardViews.Row), next = page.NextBeforeSequence, unmatched });
    }

    private static async Task<IResult> DetailAsync(string id, HttpContext http, IGatewayStore store, ContentReads reads, CancellationToken ct)
    {
        var found = await store.FindMessagesAsync(Services.MessageLookup.Ref(id, http.Request), ct);
        if (Services.MessageLookup.Problem(found) is { } problem)
        {
            return problem;
        }

        if (await store.GetMessageAsync(found[0].Key, ct) is not { } record)
        {
            return Results.NotFound();
        }

        await reads.RecordAsync(CallGuard.Caller(http), "dashboard message page", id, ct);

        var transfer = record.Envelope.NoticeCase == Envelope.NoticeOneofCase.TransferNotice ? id : LedgerKeys.TransferIdOf(record.Envelope);
        var related = transfer is null
            ? []
            : await store.ReadLedgerAsync(ledger => ledger.ByKey(LedgerKeys.Transfer(transfer)).Select(e => e.Id).Prepend(transfer).Where(x => x != id).Distinct().ToList(), ct);
        return Results.Ok(new MessageDetail(
            DashboardViews.Row(record), [.. record.History.Select(DashboardViews.Timeline)], DashboardViews.Receipt(record.Receipt),
            [.. record.Obligations.Select(DashboardViews.Obligation)], [.. record.AnsweredBy], related));
    }

    /// <summary>The message's evidence file, verifiable offline with verify-audit --evidence.</summary>
    private static async Task<IResult> EvidenceAsync(string id, HttpContext http, IGatewayStore store, EvidenceExporter exporter, ContentReads reads, CancellationToken ct)
    {
        var found = await store.FindMessagesAsync(Services.MessageLookup.Ref(id, http.Request), ct);
        if (Services.MessageLookup.Problem(found) is { } problem)
        {
            return problem;
        }

        if (await exporter.ExportAsync(found[0].Key, ct) is not { } evidence)
        {
            return Results.NotFound();
        }

        await reads.RecordAsync(CallGuard.Caller(http), "dashboard evidence download", id, ct);
        return Results.File(Google.Protobuf.MessageExtensions.ToByteArray(evidence), "application/octet-stream", $"{id}.evidence");
    }

    private static async Task<IResult> ObligationsAsync(HttpRequest request, IGatewayStore store, CancellationToken ct)
    {
        var page = await store.ListObligationsAsync(new ObligationQuery(request.Query["open"] != "false", request.Query["overdue"] == "true", 200, 0), ct);
        return Results.Ok(page.Obligations.Select(DashboardViews.Obligation));
    }

    /// <summary>Server-sent events: every stage change after the given sequence, then live; a comment every 15 s keeps it open.</summary>
    private static async Task EventsAsync(HttpContext http, IGatewayStore store, TimeProvider time)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var after = long.TryParse(http.Request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? a
            : await store.LatestChangeSequenceAsync(ct);
        await http.Response.WriteAsync($"event: hello\ndata: {after}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = store.Signals.Changes.Next;
                var events = await store.ReadStageChangesAsync(after, 200, ct);
                foreach (var e in events)
                {
                    var json = JsonSerializer.Serialize(new { sequence = e.Sequence, id = e.MessageId, stage = DashboardViews.Name(e.Stage), @event = e.EventKind.ToString().ToUpperInvariant() });
                    await http.Response.WriteAsync($"id: {e.Sequence}\ndata: {json}\n\n", ct);
                    after = e.Sequence;
                }

                await http.Response.WriteAsync(events.Count == 0 ? ": keep-alive\n\n" : "", ct);
                await http.Response.Body.FlushAsync(ct);
                if (events.Count == 0)
                {
                    await Waits.SignalOrTimeoutAsync(wake, TimeSpan.FromSeconds(15), time, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The operator closed the page.
        }
    }

    private static string? Date(CalendarDate? d) => d is null || d.Year == 0 ? null : $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";
}
