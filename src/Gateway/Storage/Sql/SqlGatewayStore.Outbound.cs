using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The outbound path: submit, outbox, receipts and the peer's status reports.</summary>
internal sealed partial class SqlGatewayStore
{
    public Task<SubmitOutcome> SubmitAsync(SubmitCommand command, CancellationToken cancellationToken)
    {
        var digest = Digests.Sha256(command.EnvelopeBytes);
        var key = MessageKeys.Of(command.Envelope);
        return _writer.ExecuteAsync(scope =>
        {
            // Dedup by the sender's own id: another body's or the other Party's use of the same id is a different message.
            if (FindExisting(scope, command.Envelope) is { } existing)
            {
                return existing.Digest.AsSpan().SequenceEqual(digest)
                    ? new SubmitOutcome(command.Envelope.Id, existing.Stage == Stage.Refused ? Stage.Refused : Stage.Accepted,
                        existing.AcceptedAt, true, existing.Refusal)
                    : throw new IdConflictException(command.Envelope.Id);
            }

            var ledger = new SqlLedger(scope);
            var admission = command.Admit(ledger);
            var stage = admission.Refusal is null ? Stage.Accepted : Stage.Refused;
            var requestKey = admission.Refusal is null ? RequestKeyOf(ledger, command.Envelope) : null;
            InsertMessage(scope, new NewMessage(command.Envelope, command.EnvelopeBytes, digest, command.Kind,
                Direction.Outbound, stage, command.At, admission.Refusal, ReplyKey: requestKey,
                Flags: admission.Refusal is null ? FlagsOf(admission) : null));
            if (admission.Refusal is null)
            {
                EnqueueOutbox(scope, OutboxEntryType.Notice, key, null, command.At, null);
                AppendHistory(scope, key, Stage.Accepted, command.At, "accepted", actor: command.Actor, storedDigest: digest);
                RecordAdmission(scope, command.Envelope, requestKey, admission, Stage.Accepted, command.At);
                MarkAnswered(scope, command.Envelope, requestKey, command.At);
            }
            else
            {
                AppendHistory(scope, key, Stage.Refused, command.At, "refused at submit", admission.Refusal, actor: command.Actor, storedDigest: digest);
            }

            return new SubmitOutcome(command.Envelope.Id, stage, Times.AsStored(command.At), false, admission.Refusal);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(int limit, CancellationToken cancellationToken) =>
        ReadOutboxAfterAsync(0, limit, cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("""
            SELECT o.seq, o.entry_type, o.message_id, m.envelope, o.at, o.status_stage, o.by_body, m.digest, m.id, m.sender_body
            FROM outbox o LEFT JOIN messages m ON m.key = o.message_id
            WHERE o.seq > @after
            ORDER BY o.seq LIMIT @limit
            """,
            r =>
            {
                var entry = new OutboxEntry(r.GetInt64(0), (OutboxEntryType)r.GetInt32(1), r.GetString(2),
                    r.IsDBNull(3) ? null : (byte[])r[3], Times.FromUnixMs(r.GetInt64(4)),
                    r.IsDBNull(5) ? Stage.Unspecified : (Stage)r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6),
                    r.IsDBNull(8) ? r.GetString(2) : r.GetString(8), r.IsDBNull(9) ? "" : r.GetString(9));
                // A notice is relayed (and re-signed) only if its stored bytes are still the ones accepted.
                string? problem = null;
                if (entry.Type == OutboxEntryType.Notice)
                {
                    StoredEnvelopes.Check(entry.EnvelopeBytes, r.IsDBNull(7) ? null : (byte[])r[7], out problem);
                }

                return (Entry: entry, Problem: problem);
            },
            cancellationToken, ("@limit", limit), ("@after", afterSequence));
        await QuarantineAsync([.. rows.Where(r => r.Problem is not null).Select(r => (r.Entry.Key, r.Problem!))], cancellationToken);
        return [.. rows.Where(r => r.Problem is null).Select(r => r.Entry)];
    }

    public Task RecordReceiptsAsync(IReadOnlyList<ReceiptForEntry> receipts, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            foreach (var (sequence, messageId, receipt) in receipts)
            {
                // The outbox row is the guard: a receipt for an entry already settled changes nothing.
                if (scope.Execute("DELETE FROM outbox WHERE seq = @seq", ("@seq", sequence)) == 0)
                {
                    continue;
                }

                Stage current;
                object? reported;
                using (var r = scope.Reader("SELECT stage, COALESCE(delivered_at, acknowledged_at) FROM messages WHERE key = @id", ("@id", messageId)))
                {
                    if (!r.Read())
                    {
                        continue;
                    }

                    (current, reported) = ((Stage)r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt64(1));
                }

                if (receipt.Status == ReceiptStatus.Stored)
                {
                    // The peer's delivered report can overtake its receipt; it already proved the notice stored, so RELAYED
                    // is not put after it (each stage time stays in this node's clock, in stage order).
                    var relayedAt = reported is long ms && Times.FromUnixMs(ms) < at ? Times.FromUnixMs(ms) : at;
                    ReachStage(scope, messageId, current, Stage.Relayed, relayedAt, "stored by the receiving node; receipt held",
                        change: new RowChange("receipt = @receipt", ("@receipt", receipt.ToByteArray())));
                }
                else
                {
                    ReachStage(scope, messageId, current, Stage.RefusedByPeer, at, "refused by the receiving node", receipt.Refusal,
                        change: new RowChange("receipt = @receipt, refusal_rule = @rule, refusal_article = @article, refusal_message = @message, refusal_fields = @fields",
                            ("@receipt", receipt.ToByteArray()), ("@rule", receipt.Refusal?.RuleId), ("@article", receipt.Refusal?.Article),
                            ("@message", receipt.Refusal?.Message), ("@fields", receipt.Refusal is null ? null : string.Join(",", receipt.Refusal.Fields))));
                }
            }

            return 0;
        }, cancellationToken);

    public Task FailOutboxEntryAsync(long sequence, string messageId, OutboxEntryType type, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            if (scope.Execute("DELETE FROM outbox WHERE seq = @seq", ("@seq", sequence)) == 0
                || scope.Scalar("SELECT stage FROM messages WHERE key = @id", ("@id", messageId)) is null)
            {
                return 0;
            }

            scope.OutboxChanged = true;
            if (type == OutboxEntryType.Status)
            {
                AppendHistory(scope, messageId, CurrentStage(scope, messageId), at, $"ALARM: status report not relayed: {reason}", eventKind: EventKind.Alarm);
                return 0;
            }

            var refusal = new Refusal { RuleId = "RELAY_FAILED", Message = $"Not carried to the other node: {reason}" };
            scope.Execute("UPDATE messages SET refusal_rule = @rule, refusal_article = NULL, refusal_message = @message, refusal_fields = NULL WHERE key = @id",
                ("@rule", refusal.RuleId), ("@message", refusal.Message), ("@id", messageId));
            ReachStage(scope, messageId, CurrentStage(scope, messageId), Stage.Failed, at, "relay given up", refusal);
            return 0;
        }, cancellationToken);

    public Task CompleteOutboxAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            foreach (var sequence in sequences)
            {
                scope.Execute("DELETE FROM outbox WHERE seq = @seq", ("@seq", sequence));
            }

            return 0;
        }, cancellationToken);

    public Task<int> RecordPeerStatusAsync(IReadOnlyList<StatusReport> reports, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            var recorded = 0;
            foreach (var report in reports)
            {
                var (column, evidence) = report.Stage switch
                {
                    Stage.Delivered => ("delivered_at", "delivered_report"),
                    Stage.Acknowledged => ("acknowledged_at", "acknowledged_report"),
                    _ => (null, null),
                };
                if (column is null)
                {
                    continue;
                }

                // The report concerns a notice this node sent: its id is unique per sending body (named in the report).
                using var reader = scope.Reader(
                    $"SELECT stage, {column}, key FROM messages WHERE id = @id AND direction = @dir AND (@body = '' OR sender_body = @body) LIMIT 2",
                    ("@id", report.MessageId), ("@dir", (int)Direction.Outbound), ("@body", report.SenderBody));
                if (!reader.Read() || !reader.IsDBNull(1))
                {
                    continue;
                }

                var (current, key) = ((Stage)reader.GetInt32(0), reader.GetString(2));
                if (reader.Read())
                {
                    // Two of this node's bodies used the id and the report does not say which: record nothing rather than guess.
                    continue;
                }

                reader.Close();
                // This node's stage times are in its own clock: the stage is reached when the report arrives here, and the
                // other node's claimed time is kept as a labelled detail, so skew never makes a latency negative or inflated.
                var at = _time.GetUtcNow();
                var claimed = WireTimes.TryToDateTimeOffset(report.At, out var peerAt)
                    ? $" at {peerAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)} (other node's clock)"
                    : "";
                var detail = report.Stage == Stage.Delivered
                    ? $"delivered to the receiving system{claimed}"
                    : $"acknowledged by {SafeText.Bounded(report.ByBody)}{claimed}";
                // The report as received (its signature or batch proof included) is the message's evidence of this stage.
                ReachStage(scope, key, current, report.Stage, at, detail,
                    change: new RowChange($"{column} = @reported, {evidence} = @report", ("@reported", Times.ToUnixMs(at)), ("@report", report.ToByteArray())));
                recorded++;
            }

            return recorded;
        }, cancellationToken);

    private sealed record ExistingMessage(byte[] Digest, Stage Stage, DateTimeOffset AcceptedAt, Refusal? Refusal, byte[]? Receipt);

    /// <summary>The sender's earlier message with this id: by its key, or by its bare id as rows stored before keys were
    /// scoped to the sender keep it (then only if the sender matches), so a retry across the upgrade is still a duplicate.</summary>
    /// <remarks>Only the unique key is in the WHERE clause and the sender is compared here: with the sender's columns in the
    /// query, PostgreSQL's plan for a young table (no statistics yet) walked every message of the sender body by
    /// ix_messages_sender_body, a millisecond per notice growing with the table. The key's unique index is now the only
    /// index the statement can use.</remarks>
    internal const string ExistingSql = """
        SELECT digest, stage, accepted_at, refusal_rule, refusal_article, refusal_message, refusal_fields, receipt, sender_party,
               sender_body
        FROM messages WHERE key IN (@key, @id)
        """;

    private static ExistingMessage? FindExisting(WriteScope scope, Envelope e)
    {
        using var r = scope.Reader(ExistingSql, ("@key", MessageKeys.Of(e)), ("@id", e.Id));
        while (r.Read())
        {
            if (r.GetInt32(8) == (int)e.SenderParty && r.GetString(9) == e.SenderBody)
            {
                return new ExistingMessage((byte[])r[0], (Stage)r.GetInt32(1), Times.FromUnixMs(r.GetInt64(2)),
                    MessageRows.ReadRefusal(r, 3), r.IsDBNull(7) ? null : (byte[])r[7]);
            }
        }

        return null;
    }

    private static Stage CurrentStage(WriteScope scope, string messageId) =>
        (Stage)Convert.ToInt32(scope.Scalar("SELECT stage FROM messages WHERE key = @id", ("@id", messageId)), System.Globalization.CultureInfo.InvariantCulture);
}
