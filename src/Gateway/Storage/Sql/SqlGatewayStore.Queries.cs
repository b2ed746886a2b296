using System.Text;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Read-only queries for the Party's systems and for operators.</summary>
internal sealed partial class SqlGatewayStore
{
    /// <summary>A stage event's columns (<see cref="MessageRows.ReadEvent"/>), from history <c>h</c> joined to messages <c>m</c>.</summary>
    private const string EventColumns =
        "h.seq, m.id, h.stage, h.at, h.detail, h.refusal_rule, h.refusal_article, h.refusal_message, m.direction, m.kind, h.event_kind, m.accepted_at";

    private const string EventSelect = $"SELECT {EventColumns} FROM history h JOIN messages m ON m.key = h.message_id";

    public async Task<IReadOnlyList<FoundMessage>> FindMessagesAsync(MessageRef reference, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"""
            SELECT {MessageRows.Columns} FROM messages
            WHERE id = @id AND (@sp = 0 OR sender_party = @sp) AND (@sb = '' OR sender_body = @sb) ORDER BY seq LIMIT 100
            """, MessageRows.Read, cancellationToken,
            ("@id", reference.Id), ("@sp", (int)reference.SenderParty), ("@sb", reference.SenderBody));
        await QuarantineAsync(Unreadable(rows), cancellationToken);
        return [.. rows.Select(r => new FoundMessage(r.Key, r.Record))];
    }

    public async Task<MessageRecord?> GetMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {MessageRows.Columns} FROM messages WHERE key = @id", MessageRows.Read,
            cancellationToken, ("@id", messageId));
        if (rows.Count == 0)
        {
            return null;
        }

        await QuarantineAsync(Unreadable(rows), cancellationToken);
        var record = rows[0].Record;
        record.History.AddRange(await QueryAsync($"{EventSelect} WHERE h.message_id = @id ORDER BY h.seq", MessageRows.ReadEvent,
            cancellationToken, ("@id", messageId)));
        record.Obligations.AddRange(await ObligationsOfAsync(messageId, cancellationToken));
        record.AnsweredBy.AddRange(await QueryAsync("SELECT id FROM messages WHERE reply_key = @id ORDER BY seq", r => r.GetString(0),
            cancellationToken, ("@id", messageId)));
        return record;
    }

    public async Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT seq FROM messages WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Filter(string clause, string name, object? value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }

        if (query.BeforeSequence is { } before)
        {
            Filter("seq < @before", "@before", before);
        }

        if (!string.IsNullOrEmpty(query.Kind))
        {
            Filter("kind = @kind", "@kind", query.Kind);
        }

        if (query.Stage is { } stage)
        {
            Filter("stage = @stage", "@stage", (int)stage);
        }

        if (query.Direction is { } direction)
        {
            Filter("direction = @direction", "@direction", (int)direction);
        }

        if (query.KindIn is { } kinds)
        {
            sql.Append(" AND kind IN (").Append(InList("@k", kinds, parameters)).Append(')');
        }

        if (query.AcceptedFrom is { } from)
        {
            Filter("accepted_at >= @from", "@from", Times.ToUnixMs(from));
        }

        if (query.AcceptedTo is { } to)
        {
            Filter("accepted_at < @to", "@to", Times.ToUnixMs(to));
        }

        if (query.OverdueOnly)
        {
            // Driven from the overdue set (migration 17's index), which stays small, rather than testing each row a kind's or a
            // stage's index walks: as "key IN (...)" SQLite walked every ConsultationRequest of 10⁶ to find a date range's few.
            sql.Append(" AND seq IN (SELECT m.seq FROM obligations o JOIN messages m ON m.key = o.message_id WHERE o.closed_at IS NULL AND o.overdue_at IS NOT NULL)");
        }

        var disjunctions = new List<Disjunction>();
        if (!string.IsNullOrEmpty(query.Body))
        {
            disjunctions.Add(BodyOf([query.Body], "@body"));
        }

        if (query.BodyIn is { } bodies)
        {
            disjunctions.Add(BodyOf(bodies, "@b"));
        }

        if (query.Search is { } search)
        {
            disjunctions.Add(SearchOf(search));
        }

        parameters.Add(("@limit", query.PageSize + 1));
        var rows = await BranchedAsync(sql.ToString(), parameters, disjunctions, query.PageSize + 1, cancellationToken);
        await QuarantineAsync(Unreadable(rows), cancellationToken);
        var page = rows.Take(query.PageSize).ToList();
        long? next = rows.Count > query.PageSize ? page[^1].Sequence : null;
        return new MessagePage([.. page.Select(p => p.Record)], next);
    }

    /// <summary>Parameters for an IN list; an empty list becomes NULL, which matches nothing.</summary>
    private static string InList(string prefix, IReadOnlyList<string> values, List<(string, object?)> parameters)
    {
        if (values.Count == 0)
        {
            return "NULL";
        }

        var names = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            names.Add($"{prefix}{i}");
            parameters.Add(($"{prefix}{i}", values[i]));
        }

        return string.Join(", ", names);
    }

    /// <summary>Rows whose envelope failed its check and are not yet quarantined.</summary>
    private static List<(string, string)> Unreadable(IEnumerable<(long Sequence, MessageRecord Record, string? Problem, string Key)> rows) =>
        [.. rows.Where(r => r.Problem is not null).Select(r => (r.Key, r.Problem!))];

    /// <remarks>The page of history rows is taken first, in a subquery the planner cannot merge into the join, and only then
    /// joined to its messages by key: PostgreSQL's plan for the plain join on young tables (no statistics yet) hashed every
    /// message and scanned all of history on each call of the live feed.</remarks>
    public async Task<IReadOnlyList<StageEvent>> ReadStageChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT {EventColumns}
            FROM (SELECT seq, message_id, stage, at, detail, refusal_rule, refusal_article, refusal_message, event_kind FROM history
                  WHERE seq > @after ORDER BY seq LIMIT @limit) h
            JOIN messages m ON m.key = h.message_id ORDER BY h.seq
            """, MessageRows.ReadEvent, cancellationToken, ("@after", afterSequence), ("@limit", limit));

    public async Task<long> LatestChangeSequenceAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT COALESCE(MAX(seq), 0) FROM history", r => r.GetInt64(0), cancellationToken))[0];

    /// <summary>The triggers' table (migration 15), not a GROUP BY over every message; a pair counted down to 0 is no count, as before.</summary>
    internal const string CountByStageSql = "SELECT stage, direction, count FROM stage_counts WHERE count <> 0 ORDER BY direction, stage";

    public async Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken) =>
        await QueryAsync(CountByStageSql,
            r => new StageCount { Stage = (Stage)r.GetInt32(0), Direction = (Direction)r.GetInt32(1), Count = r.GetInt64(2) },
            cancellationToken);
}
