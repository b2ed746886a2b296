using System.Data.Common;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Settlements of obligations outside the gateway: proposed by one operator, closed only when another approves.</summary>
internal sealed partial class SqlGatewayStore
{
    private const string SettlementColumns = """
        s.id, s.obligation_id, (SELECT m.id FROM messages m WHERE m.key = o.message_id), o.rule_id, o.article, s.note, s.proposed_by, s.proposed_at,
        s.approved_by, s.approved_at
        """;

    public Task<(SettlementResult Result, Settlement? Settlement)> ProposeSettlementAsync(
        long obligationId, string note, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<(SettlementResult, Settlement?)>(scope =>
        {
            var obligation = OpenObligation(scope, obligationId);
            if (obligation is null)
            {
                return (SettlementResult.NotFound, null);
            }

            if (obligation.Value.Closed)
            {
                return (SettlementResult.AlreadyClosed, null);
            }

            if (scope.Scalar("SELECT id FROM settlements WHERE obligation_id = @o AND approved_at IS NULL", ("@o", obligationId)) is not null)
            {
                return (SettlementResult.AlreadyProposed, (Settlement?)null);
            }

            scope.Execute("INSERT INTO settlements (obligation_id, note, proposed_by, proposed_at) VALUES (@o, @note, @by, @at)",
                ("@o", obligationId), ("@note", note), ("@by", actor), ("@at", Times.ToUnixMs(at)));
            var id = Convert.ToInt64(scope.Scalar("SELECT MAX(id) FROM settlements WHERE obligation_id = @o", ("@o", obligationId)), System.Globalization.CultureInfo.InvariantCulture);
            AppendAudit(scope, "settlement-proposed", obligation.Value.MessageKey, actor,
                $"settlement {id} of obligation {obligationId} ({obligation.Value.RuleId}) proposed as settled outside the gateway, waiting for a second operator: {note}", at);
            return (SettlementResult.Done, ReadSettlement(scope, id));
        }, cancellationToken);

    public Task<(SettlementResult Result, Settlement? Settlement)> ApproveSettlementAsync(
        long settlementId, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<(SettlementResult, Settlement?)>(scope =>
        {
            if (ReadSettlement(scope, settlementId) is not { } settlement)
            {
                return (SettlementResult.NotFound, null);
            }

            if (settlement.ApprovedAt is not null || OpenObligation(scope, settlement.ObligationId) is not { Closed: false } obligation)
            {
                return (SettlementResult.AlreadyClosed, settlement);
            }

            if (string.Equals(settlement.ProposedBy, actor, StringComparison.Ordinal))
            {
                return (SettlementResult.SameOperator, settlement);
            }

            scope.Execute("UPDATE settlements SET approved_by = @by, approved_at = @at WHERE id = @id",
                ("@by", actor), ("@at", Times.ToUnixMs(at)), ("@id", settlementId));
            scope.Execute("UPDATE obligations SET closed_by = @by, closed_at = @at WHERE id = @o AND closed_at IS NULL",
                ("@by", $"settled outside the gateway (settlement {settlementId})"), ("@at", Times.ToUnixMs(at)), ("@o", settlement.ObligationId));
            AppendAudit(scope, "settlement-approved", obligation.MessageKey, actor,
                $"settlement {settlementId} approved: obligation {settlement.ObligationId} ({settlement.RuleId}) closed as settled outside the gateway; proposed by {settlement.ProposedBy}: {settlement.Note}", at);
            // The obligations panel and the message's overdue mark change: wake the console's feeds.
            scope.HistoryChanged = true;
            return (SettlementResult.Done, ReadSettlement(scope, settlementId));
        }, cancellationToken);

    public async Task<IReadOnlyList<Settlement>> ListSettlementsAsync(bool waitingOnly, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"SELECT {SettlementColumns} FROM settlements s JOIN obligations o ON o.id = s.obligation_id {(waitingOnly ? "WHERE s.approved_at IS NULL" : "")} ORDER BY s.id DESC LIMIT @limit",
            ReadSettlementRow, cancellationToken, ("@limit", limit));

    private static (string MessageKey, string RuleId, bool Closed)? OpenObligation(WriteScope scope, long obligationId)
    {
        // Commands come from the writer's statement cache: never disposed here, only their readers.
        using var r = scope.Reader("SELECT message_id, rule_id, closed_at FROM obligations WHERE id = @id", ("@id", obligationId));
        return r.Read() ? (r.GetString(0), r.GetString(1), !r.IsDBNull(2)) : null;
    }

    private static Settlement? ReadSettlement(WriteScope scope, long id)
    {
        using var r = scope.Reader($"SELECT {SettlementColumns} FROM settlements s JOIN obligations o ON o.id = s.obligation_id WHERE s.id = @id", ("@id", id));
        return r.Read() ? ReadSettlementRow(r) : null;
    }

    private static Settlement ReadSettlementRow(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? "" : r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        Times.FromUnixMs(r.GetInt64(7)), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : Times.FromUnixMs(r.GetInt64(9)));
}
