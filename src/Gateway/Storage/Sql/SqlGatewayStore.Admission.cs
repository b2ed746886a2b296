using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>What admitting a notice writes besides the message itself: ledger keys, flags, obligations opened and closed.</summary>
internal sealed partial class SqlGatewayStore
{
    private static string? FlagsOf(Admission admission) => admission.Flags.Count > 0 ? FlagColumn.Write(admission.Flags) : null;

    private static void RecordAdmission(WriteScope scope, Envelope envelope, string? requestKey, Admission admission, Stage stage, DateTimeOffset at)
    {
        var messageKey = MessageKeys.Of(envelope);
        foreach (var key in LedgerKeys.For(envelope))
        {
            scope.Write("INSERT INTO message_keys (key, message_id) VALUES (@key, @id)", ("@key", key), ("@id", messageKey));
        }

        // The flags column itself was written with the message (InsertMessage); here only their history.
        if (admission.Flags.Count > 0)
        {
            foreach (var flag in admission.Flags)
            {
                AppendHistory(scope, messageKey, stage, at, $"{flag.RuleId}: {flag.Message}", eventKind: EventKind.Flag);
            }
        }

        foreach (var o in admission.Obligations)
        {
            scope.Write("""
                INSERT INTO obligations (message_id, kind, rule_id, article, description, policy, debtor_party, debtor_body, due_at, closing_kind)
                VALUES (@id, @kind, @rule, @article, @description, @policy, @party, @body, @due, @closing)
                """,
                ("@id", messageKey), ("@kind", NoticeKinds.Of(envelope).Name), ("@rule", o.RuleId), ("@article", o.Article),
                ("@description", o.Description), ("@policy", o.Policy ? 1 : 0), ("@party", (int)o.DebtorParty), ("@body", o.DebtorBody),
                ("@due", Times.ToUnixMs(o.DueAt)), ("@closing", NoticeKinds.Of(o.ClosedBy).Name));
        }

        if (requestKey is not null)
        {
            scope.Write("""
                UPDATE obligations SET closed_by = @answer, closed_at = @at
                WHERE message_id = @request AND closing_kind = @kind AND closed_at IS NULL
                """,
                ("@answer", envelope.Id), ("@at", Times.ToUnixMs(at)), ("@request", requestKey), ("@kind", NoticeKinds.Of(envelope).Name));
        }
    }
}
