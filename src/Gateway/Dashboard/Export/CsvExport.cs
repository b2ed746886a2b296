using ClassifiedGateway.Gateway.Dashboard.Search;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Dashboard.Export;

/// <summary>The filtered list as CSV: metadata only (ids, kinds, bodies, level, stage, times, refusal rule and article), never a
/// notice's content or a rule's sentence, so it is not a content read and needs no audit entry.</summary>
internal static class CsvExport
{
    /// <summary>Most rows one export carries; the last line says when the list was longer.</summary>
    public const int MaxRows = 50_000;

    private const int Batch = 500;

    private static readonly string[] Header =
        ["id", "correlation_id", "kind", "direction", "sender_party", "sender_body", "receiver_party", "receiver_body", "level", "stage",
         "stage_at_utc", "accepted_at_utc", "next_due_utc", "overdue", "refusal_rule", "refusal_article", "flag_rules", "in_reply_to"];

    public static async Task HandleAsync(HttpContext http, IGatewayStore store, ListFilters filters, IOptions<GatewayOptions> options, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var (query, _) = filters.Read(http.Request.Query, options.Value.LocalParty, Batch);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"messages-{time.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteAsync(Csv.Line(Header));
        var written = 0;
        while (written < MaxRows)
        {
            var page = await store.ListMessagesAsync(query, ct);
            foreach (var row in page.Messages.Take(MaxRows - written))
            {
                await writer.WriteAsync(Csv.Line(Cells(DashboardViews.Row(row), row)));
                written++;
            }

            if (page.NextBeforeSequence is not { } next)
            {
                return;
            }

            query = query with { BeforeSequence = next };
        }

        await writer.WriteAsync(Csv.Line([$"# truncated at {MaxRows} rows: narrow the filters"]));
    }

    private static string[] Cells(MessageRow m, Contracts.V1.MessageRecord record) =>
    [
        m.Id, m.CorrelationId, m.Kind, m.Direction, m.SenderParty, m.SenderBody, m.ReceiverParty, m.ReceiverBody, m.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        m.Stage, Csv.Time(m.StageAt), Csv.Time(m.AcceptedAt), m.NextDueAt is { } due ? Csv.Time(due) : "", m.Overdue ? "true" : "false",
        m.Refusal?.RuleId ?? "", m.Refusal?.Article ?? "", string.Join(" ", record.RuleFlags.Select(f => f.RuleId).Where(r => r.Length > 0)), m.InReplyTo,
    ];
}
