using System.Data.Common;
using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Obligations: overdue marking, listing, counts; and consistent ledger reads.</summary>
internal sealed partial class SqlGatewayStore
{
    private const string ObligationColumns =
        // message_id holds the store's key; the wire shows the message's own id.
        "id, (SELECT m.id FROM messages m WHERE m.key = obligations.message_id) AS message_id, rule_id, article, description, policy, debtor_party, debtor_body, due_at, closed_by, closed_at, overdue_at, kind";

    public Task<int> MarkOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            var due = new List<(long Id, string MessageId, string Description, long DueAt)>();
            using (var r = scope.Reader(
                "SELECT id, message_id, description, due_at FROM obligations WHERE closed_at IS NULL AND overdue_at IS NULL AND due_at < @now ORDER BY due_at LIMIT 1000",
                ("@now", Times.ToUnixMs(now))))
            {
                while (r.Read())
                {
                    due.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
                }
            }

            foreach (var (id, messageId, description, dueAt) in due)
            {
                scope.Execute("UPDATE obligations SET overdue_at = @now WHERE id = @id", ("@now", Times.ToUnixMs(now)), ("@id", id));
                var when = Times.FromUnixMs(dueAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
                AppendHistory(scope, messageId, CurrentStage(scope, messageId), now, $"OVERDUE: {description}; it was due {when}", eventKind: EventKind.Overdue);
            }

            return due.Count;
        }, cancellationToken);

    public async Task<ObligationPage> ListObligationsAsync(ObligationQuery query, CancellationToken cancellationToken)
    {
        var where = (query.OpenOnly, query.OverdueOnly) switch
        {
            (_, true) => "WHERE closed_at IS NULL AND overdue_at IS NOT NULL",
            (true, false) => "WHERE closed_at IS NULL",
            _ => "",
        };
        var rows = await QueryAsync(
            $"SELECT {ObligationColumns} FROM obligations {where} ORDER BY (CASE WHEN closed_at IS NULL AND overdue_at IS NOT NULL THEN 0 WHEN closed_at IS NULL THEN 1 ELSE 2 END), due_at, id LIMIT @limit OFFSET @offset",
            ReadObligation, cancellationToken, ("@limit", query.PageSize + 1), ("@offset", query.Offset));
        int? next = rows.Count > query.PageSize ? query.Offset + query.PageSize : null;
        return new ObligationPage([.. rows.Take(query.PageSize)], next);
    }

    public async Task<(long Open, long Overdue)> CountObligationsAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN overdue_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM obligations WHERE closed_at IS NULL",
            r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken);
        return rows[0];
    }

    public Task<T> ReadLedgerAsync<T>(Func<ILedger, T> read, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope => read(new SqlLedger(scope)), cancellationToken);

    private async Task<List<Obligation>> ObligationsOfAsync(string messageId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ObligationColumns} FROM obligations WHERE message_id = @id ORDER BY id", ReadObligation, cancellationToken, ("@id", messageId));

    private static Obligation ReadObligation(DbDataReader r)
    {
        var o = new Obligation
        {
            ObligationId = r.GetInt64(0),
            MessageId = r.GetString(1),
            RuleId = r.GetString(2),
            Article = r.GetString(3),
            Description = r.GetString(4),
            Policy = r.GetInt64(5) != 0,
            DebtorParty = (Party)r.GetInt32(6),
            DebtorBody = r.GetString(7),
            DueAt = Times.ToTimestamp(r.GetInt64(8)),
            ClosedBy = r.IsDBNull(9) ? "" : r.GetString(9),
            Kind = r.GetString(12),
        };
        if (!r.IsDBNull(10))
        {
            o.ClosedAt = Times.ToTimestamp(r.GetInt64(10));
        }

        if (!r.IsDBNull(11))
        {
            o.OverdueSince = Times.ToTimestamp(r.GetInt64(11));
        }

        return o;
    }
}
