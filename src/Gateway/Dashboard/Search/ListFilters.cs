using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Dashboard.Search;

/// <summary>The list's filters as the page sends them, read into a store query. Partial kind and body names are resolved against the
/// known names (the notice kinds, the body registry) so the query stays on the indexes; dates are whole days in the host time zone,
/// both ends included.</summary>
internal sealed class ListFilters(BodiesOptions bodies, HostTimeZones zones)
{
    /// <summary>Longest search term or name fragment read; anything longer cannot be an id or a name.</summary>
    public const int MaxTerm = 200;

    /// <summary>The query, and the filters that matched no known name (the page says so instead of showing an empty list).</summary>
    public (MessageQuery Query, IReadOnlyList<string> Unmatched) Read(IQueryCollection q, Party local, int pageSize)
    {
        var unmatched = new List<string>();
        Stage? stage = Enum.TryParse<Stage>(q["stage"].ToString().Replace("_", "", StringComparison.Ordinal), true, out var s) && s != Stage.Unspecified ? s : null;
        Direction? direction = q["direction"].ToString() switch
        {
            "outbound" => Direction.Outbound,
            "inbound" => Direction.Inbound,
            _ => null,
        };
        long? before = long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null;
        IReadOnlyList<string>? kinds = null;
        if (Text(q["kind"]) is { } kind)
        {
            kinds = Kinds(kind);
            if (kinds.Count == 0)
            {
                unmatched.Add("kind");
            }
        }

        IReadOnlyList<string>? bodyIn = null;
        if (Text(q["body"]) is { } body)
        {
            bodyIn = Bodies(body);
            if (bodyIn.Count == 0)
            {
                unmatched.Add("body");
                bodyIn = Exact(body);
            }
        }

        var search = Text(q["q"]) is { } term ? new MessageSearch(term, Kinds(term), [.. Bodies(term).Union(Exact(term))]) : null;
        var zone = zones.For(local);
        var from = Day(q["from"]) is { } f ? Start(f, zone) : (DateTimeOffset?)null;
        var to = Day(q["to"]) is { } t ? Start(t.AddDays(1), zone) : (DateTimeOffset?)null;
        return (new MessageQuery(null, stage, direction, null, pageSize, before, q["overdue"] == "true", from, to, kinds, bodyIn, search), unmatched);
    }

    /// <summary>The kinds whose name contains <paramref name="fragment"/>, ignoring case.</summary>
    public static IReadOnlyList<string> Kinds(string fragment) =>
        [.. NoticeKinds.All.Select(k => k.Name).Where(n => n.Contains(fragment, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    /// <summary>The registered bodies whose id contains <paramref name="fragment"/>, ignoring case.</summary>
    public IReadOnlyList<string> Bodies(string fragment) =>
        [.. bodies.KZ.Concat(bodies.TM).Where(id => id.Contains(fragment, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The term itself when it could be a body id the registry no longer lists (older notices may name one).</summary>
    private static IReadOnlyList<string> Exact(string term) => Validation.BodyIds.IsValid(term) ? [term] : [];

    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxTerm ? null : value.Trim();

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
