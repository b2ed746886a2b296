using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The list's OR filters (a body as sender or receiver, the search box) run as separate indexed branches.</summary>
internal sealed partial class SqlGatewayStore
{
    /// <summary>Most branches a list query runs one by one; past that the widest ORs stay whole in one query (a broad term, one
    /// naming many kinds or bodies, matches densely, so one query walking the newest rows finds a page quickly).</summary>
    private const int MaxBranches = 24;

    /// <summary>One OR of the list's filters: each alternative an equality one index serves (a branch of its own), and the same
    /// condition as one clause for when there are too many branches to run one by one.</summary>
    private sealed record Disjunction(IReadOnlyList<(string Clause, (string, object?) Parameter)> Alternatives,
        string Whole, IReadOnlyList<(string, object?)> WholeParameters);

    /// <summary>The newest <paramref name="limit"/> rows whose sequences <paramref name="filtered"/> selects and that meet every
    /// disjunction. No index serves an OR across columns (SQLite and PostgreSQL walk the newest rows testing each), so each
    /// combination of alternatives is its own query, newest first, one page, on its own index; the pages are merged by sequence
    /// and de-duplicated. The newest <paramref name="limit"/> of the union are among each branch's newest <paramref name="limit"/>,
    /// so the page and its keyset cursor are exactly the OR query's.</summary>
    private async Task<List<(long Sequence, MessageRecord Record, string? Problem, string Key)>> BranchedAsync(
        string filtered, IReadOnlyList<(string, object?)> parameters, IReadOnlyList<Disjunction> disjunctions, int limit,
        CancellationToken cancellationToken)
    {
        var sql = filtered;
        var all = new List<(string, object?)>(parameters);
        var branches = new List<(string Clause, List<(string, object?)> Parameters)> { ("", []) };
        // The narrowest ORs branch first, so as many of them as the budget allows run on their indexes.
        foreach (var disjunction in disjunctions.OrderBy(d => d.Alternatives.Count))
        {
            if (disjunction.Alternatives.Count == 0)
            {
                return [];
            }

            if (branches.Count * disjunction.Alternatives.Count > MaxBranches)
            {
                sql += $" AND {disjunction.Whole}";
                all.AddRange(disjunction.WholeParameters);
                continue;
            }

            branches = [.. branches.SelectMany(b => disjunction.Alternatives.Select(a => (b.Clause + $" AND {a.Clause}", (List<(string, object?)>)[.. b.Parameters, a.Parameter])))];
        }

        if (branches.Count == 1)
        {
            return await QueryAsync(Page(sql + branches[0].Clause), MessageRows.Read, cancellationToken, [.. all, .. branches[0].Parameters]);
        }

        var found = new Dictionary<long, (long Sequence, MessageRecord Record, string? Problem, string Key)>();
        foreach (var (clause, branchParameters) in branches)
        {
            foreach (var row in await QueryAsync(Page(sql + clause), MessageRows.Read, cancellationToken, [.. all, .. branchParameters]))
            {
                found.TryAdd(row.Sequence, row);
            }
        }

        return [.. found.Values.OrderByDescending(r => r.Sequence).Take(limit)];
    }

    /// <summary>The page's sequences first, then its rows: a plan that sorts (a date range read from ix_messages_accepted_at) sorts
    /// bare sequences, not envelopes with their obligation subqueries, which run for the page's rows only.</summary>
    private static string Page(string sequences) =>
        $"SELECT {MessageRows.Columns} FROM messages WHERE seq IN ({sequences} ORDER BY seq DESC LIMIT @limit) ORDER BY seq DESC";

    /// <summary>A body as sender or receiver: one of <paramref name="bodies"/> in either column.</summary>
    private static Disjunction BodyOf(IReadOnlyList<string> bodies, string prefix)
    {
        var whole = new List<(string, object?)>();
        var list = InList(prefix, bodies, whole);
        return new Disjunction(
            [.. bodies.SelectMany(b => new[] { ("sender_body = " + prefix, (prefix, (object?)b)), ("receiver_body = " + prefix, (prefix, (object?)b)) })],
            $"(sender_body IN ({list}) OR receiver_body IN ({list}))", whole);
    }

    /// <summary>The search box: a message id, a correlation id, or the kinds and bodies a partial name resolved to. Each is its own
    /// indexed branch, so an id that names nothing costs index lookups, not a scan.</summary>
    private static Disjunction SearchOf(MessageSearch search)
    {
        var term = ("@term", (object?)search.Term);
        var whole = new List<(string, object?)> { term };
        var kinds = InList("@sk", search.Kinds, whole);
        var bodies = InList("@sb", search.Bodies, whole);
        return new Disjunction(
            [
                ("id = @term", term),
                ("correlation_id = @term", term),
                .. search.Kinds.Select(k => ("kind = @kind_s", ("@kind_s", (object?)k))),
                .. search.Bodies.SelectMany(b => new[] { ("sender_body = @body_s", ("@body_s", (object?)b)), ("receiver_body = @body_s", ("@body_s", (object?)b)) }),
            ],
            $"(id = @term OR correlation_id = @term OR kind IN ({kinds}) OR sender_body IN ({bodies}) OR receiver_body IN ({bodies}))", whole);
    }
}
