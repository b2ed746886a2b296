using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Write helpers shared by the outbound and inbound paths; all run inside a group commit.</summary>
internal sealed partial class SqlGatewayStore
{
    private const string InsertMessageSql = """
        INSERT INTO messages (key, id, direction, kind, sender_party, sender_body, receiver_party, receiver_body, level,
            in_reply_to, reply_key, correlation_id, created_at, accepted_at, stage, stage_at, digest, envelope,
            refusal_rule, refusal_article, refusal_message, refusal_fields, receipt, peer_sequence, inbox_cursor, flags, notice_signature, sender_accepted_at, notice_proof)
        VALUES (@key, @id, @direction, @kind, @sp, @sb, @rp, @rb, @level, @reply, @replykey, @corr, @created, @accepted, @stage, @at,
            @digest, @envelope, @rrule, @rart, @rmsg, @rfields, @receipt, @peerseq, @cursor, @flags, @signature, @sent, @proof)
        """;

    private sealed record NewMessage(
        Envelope Envelope, byte[] Bytes, byte[] Digest, string Kind, Direction Direction, Stage Stage, DateTimeOffset At,
        Refusal? Refusal, byte[]? Receipt = null, long? PeerSequence = null, long? InboxCursor = null, string? ReplyKey = null,
        string? Flags = null, byte[]? Signature = null, long? SenderAcceptedAt = null, byte[]? Proof = null);

    /// <summary>Columns a stage change sets on the message row in the same UPDATE (one write of the wide row, not two).</summary>
    private sealed record RowChange(string Set, params (string Name, object? Value)[] Values);

    private static void InsertMessage(WriteScope scope, NewMessage m)
    {
        var e = m.Envelope;
        var at = Times.ToUnixMs(m.At);
        scope.Write(InsertMessageSql,
            ("@key", MessageKeys.Of(e)), ("@id", e.Id), ("@direction", (int)m.Direction), ("@kind", m.Kind),
            ("@sp", (int)e.SenderParty), ("@sb", e.SenderBody), ("@rp", (int)e.ReceiverParty), ("@rb", e.ReceiverBody),
            ("@level", (int)e.Level), ("@reply", NullIfEmpty(e.InReplyTo)), ("@replykey", m.ReplyKey), ("@corr", NullIfEmpty(e.CorrelationId)),
            ("@created", WireTimes.TryToDateTimeOffset(e.CreatedAt, out var created) ? Times.ToUnixMs(created) : 0L), ("@accepted", at),
            ("@stage", (int)m.Stage), ("@at", at), ("@digest", m.Digest), ("@envelope", m.Bytes),
            ("@rrule", m.Refusal?.RuleId), ("@rart", m.Refusal?.Article), ("@rmsg", m.Refusal?.Message),
            ("@rfields", m.Refusal is null ? null : string.Join(",", m.Refusal.Fields)),
            ("@receipt", m.Receipt), ("@peerseq", m.PeerSequence), ("@cursor", m.InboxCursor),
            ("@flags", m.Flags), ("@signature", m.Signature), ("@sent", m.SenderAcceptedAt), ("@proof", m.Proof));
    }

    private static void AppendHistory(WriteScope scope, string messageId, Stage stage, DateTimeOffset at, string? detail, Refusal? refusal = null,
        EventKind eventKind = EventKind.Stage, string actor = "node", byte[]? storedDigest = null)
    {
        var what = eventKind == EventKind.Stage ? $"stage:{stage}" : $"{eventKind}".ToLowerInvariant();
        var auditDetail = refusal is null ? detail ?? "" : $"{refusal.RuleId} ({refusal.Article}): {refusal.Message}";
        // The entry that records storing an envelope carries its digest, so the chain vouches for the stored bytes.
        AppendAudit(scope, what, messageId, actor, storedDigest is null ? auditDetail : $"{auditDetail} {StoredEnvelopes.AuditDigest(storedDigest)}", at);
        scope.Events.Add(new HistoryRow(messageId, (int)stage, Times.ToUnixMs(at), detail, refusal?.RuleId, refusal?.Article, refusal?.Message, (int)eventKind));
    }

    /// <summary>Moves a message's shown stage through <see cref="Stages.Advance"/> and records the stage in its history;
    /// <paramref name="change"/> is written in the same UPDATE.</summary>
    private static void ReachStage(WriteScope scope, string messageId, Stage current, Stage reached, DateTimeOffset at, string? detail, Refusal? refusal = null,
        string actor = "node", RowChange? change = null)
    {
        var next = Stages.Advance(current, reached);
        if (next != current)
        {
            var set = change is null ? "stage = @stage, stage_at = @at" : $"stage = @stage, stage_at = @at, {change.Set}";
            scope.Write($"UPDATE messages SET {set} WHERE key = @id",
                [("@stage", (int)next), ("@at", Times.ToUnixMs(at)), ("@id", messageId), .. (change?.Values ?? [])]);
        }
        else if (change is not null)
        {
            scope.Write($"UPDATE messages SET {change.Set} WHERE key = @id", [("@id", messageId), .. change.Values]);
        }

        AppendHistory(scope, messageId, reached, at, detail, refusal, actor: actor);
    }

    private static void EnqueueOutbox(WriteScope scope, OutboxEntryType type, string messageId, Stage? statusStage, DateTimeOffset at, string? byBody)
    {
        scope.Write("INSERT INTO outbox (entry_type, message_id, status_stage, at, by_body) VALUES (@type, @id, @stage, @at, @by)",
            ("@type", (int)type), ("@id", messageId), ("@stage", statusStage is null ? null : (long)statusStage), ("@at", Times.ToUnixMs(at)), ("@by", byBody));
        scope.OutboxChanged = true;
    }

    /// <summary>A reply marks the message it answers as answered (the first reply only).</summary>
    private static void MarkAnswered(WriteScope scope, Envelope reply, string? requestKey, DateTimeOffset at)
    {
        if (requestKey is null)
        {
            return;
        }

        // Engines type integers differently (SQLite long, PostgreSQL int for integer): convert, never test the boxed type.
        var value = scope.Scalar("SELECT stage FROM messages WHERE key = @id", ("@id", requestKey));
        var stage = value is null ? Stage.Unspecified : (Stage)Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (value is null || stage == Stage.Answered || Stages.IsTerminalFailure(stage))
        {
            return;
        }

        ReachStage(scope, requestKey, stage, Stage.Answered, at, $"answered by {reply.Id}");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>The key of the request a reply answers, as the rules bound it (null for a notice that answers nothing).</summary>
    private static string? RequestKeyOf(SqlLedger ledger, Envelope e) =>
        e.InReplyTo.Length == 0 ? null : ledger.FindRequest(e)?.Key ?? MessageKeys.Of(e.ReceiverParty, e.ReceiverBody, e.InReplyTo);

}
