using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Quarantine: a stored envelope that fails its digest or does not parse ends its message as FAILED with the reason,
/// an alarm and audit entries, and leaves the inbox and the outbox so everything behind it flows on.</summary>
internal sealed partial class SqlGatewayStore
{
    /// <summary>Quarantines each message found unreadable by a read (idempotent: a message already quarantined is left alone).</summary>
    private async Task QuarantineAsync(List<(string MessageId, string Problem)> found, CancellationToken cancellationToken)
    {
        if (found.Count == 0)
        {
            return;
        }

        var at = _time.GetUtcNow();
        var newly = await _writer.ExecuteAsync(scope => found.Count(f => Quarantine(scope, f.MessageId, f.Problem, at)), cancellationToken);
        if (newly > 0)
        {
            foreach (var (id, problem) in found)
            {
                LogQuarantined(_logger, id, problem);
            }
        }
    }

    private static bool Quarantine(WriteScope scope, string messageId, string problem, DateTimeOffset at)
    {
        using var r = scope.Reader("SELECT stage, refusal_rule FROM messages WHERE key = @id", ("@id", messageId));
        var known = r.Read();
        if (known && !r.IsDBNull(1) && r.GetString(1) == StoredEnvelopes.QuarantineRule && (Stage)r.GetInt32(0) == Stage.Failed)
        {
            return false;
        }

        r.Close();
        scope.Execute("DELETE FROM outbox WHERE message_id = @id AND entry_type = @type", ("@id", messageId), ("@type", (int)OutboxEntryType.Notice));
        // Wake the relay and the subscribers: what was queued behind this message goes on.
        scope.OutboxChanged = true;
        scope.InboxChanged = true;
        if (!known)
        {
            return false;
        }

        var refusal = StoredEnvelopes.QuarantineRefusal(problem);
        // FAILED is final whatever the message had reached: its stored content can no longer be vouched for.
        scope.Execute("""
            UPDATE messages SET stage = @stage, stage_at = @at, refusal_rule = @rule, refusal_article = NULL, refusal_message = @message,
                refusal_fields = 'envelope', inbox_cursor = NULL
            WHERE key = @id
            """,
            ("@stage", (int)Stage.Failed), ("@at", Times.ToUnixMs(at)), ("@rule", refusal.RuleId), ("@message", refusal.Message), ("@id", messageId));
        AppendHistory(scope, messageId, Stage.Failed, at, "quarantined: the stored envelope failed its integrity check", refusal);
        AppendHistory(scope, messageId, Stage.Failed, at, $"ALARM: stored envelope {problem}; quarantined", eventKind: EventKind.Alarm);
        return true;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Quarantined message {MessageId}: its stored envelope {Problem}")]
    private static partial void LogQuarantined(ILogger logger, string messageId, string problem);
}
