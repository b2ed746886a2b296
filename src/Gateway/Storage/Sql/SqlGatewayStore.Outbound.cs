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
            // The outbox rows are the guard: a receipt for an entry already settled changes nothing. The batch's entries are
            // settled by one DELETE and their messages read by one SELECT; each message's row is then updated on its own.
            var settled = DeleteOutboxEntries(scope, [.. receipts.Select(r => r.Sequence)]);
            if (settled.Count == 0)
            {
                return 0;
            }

            var rows = new Dictionary<string, (Stage Stage, long? Reported)>(StringComparer.Ordinal);
            var keys = receipts.Where(r => settled.Contains(r.Sequence)).Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
            using (var r = scope.Reader($"SELECT key, stage, COALESCE(delivered_at, acknowledged_at) FROM messages WHERE {_dialect.InList("key", "@keys")}",
                ("@keys", _dialect.ListOf(keys))))
            {
                while (r.Read())
                {
                    rows[r.GetString(0)] = ((Stage)r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt64(2));
                }
            }

            foreach (var (sequence, messageId, receipt) in receipts)
            {
                if (!settled.Remove(sequence) || !rows.TryGetValue(messageId, out var row))
                {
                    continue;
                }

                var (current, reported) = row;
                var reached = receipt.Status == ReceiptStatus.Stored ? Stage.Relayed : Stage.RefusedByPeer;
                if (reached == Stage.Relayed)
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

                // A later receipt in this batch for the same message sees the stage this one left.
                rows[messageId] = (Stages.Advance(current, reached), reported);
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
        _writer.ExecuteAsync(scope => DeleteOutboxEntries(scope, sequences).Count, cancellationToken);

    /// <summary>Deletes the outbox entries named, in one statement; returns those that were still there.</summary>
    private HashSet<long> DeleteOutboxEntries(WriteScope scope, IReadOnlyCollection<long> sequences)
    {
        var deleted = new HashSet<long>();
        if (sequences.Count == 0)
        {
            return deleted;
        }

        using var r = scope.Reader($"DELETE FROM outbox WHERE {_dialect.InList("seq", "@seqs")} RETURNING seq", ("@seqs", _dialect.ListOf(sequences)));
        while (r.Read())
        {
            deleted.Add(r.GetInt64(0));
        }

        return deleted;
    }

    public Task<int> RecordPeerStatusAsync(IReadOnlyList<StatusReport> reports, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            var recorded = 0;
            var sent = ReadReportedNotices(scope, reports);
            foreach (var report in reports)
            {
                var (column, evidence) = report.Stage switch
                {
                    Stage.Delivered => ("delivered_at", "delivered_report"),
                    Stage.Acknowledged => ("acknowledged_at", "acknowledged_report"),
                    _ => (null, null),
                };
                if (column is null || !sent.TryGetValue(report.MessageId, out var candidates))
                {
                    continue;
                }

                // The report concerns a notice this node sent: its id is unique per sending body (named in the report).
                var matches = candidates.Where(n => report.SenderBody.Length == 0 || n.SenderBody == report.SenderBody).Take(2).ToList();
                if (matches.Count == 0 || matches[0].HasReport(report.Stage))
                {
                    continue;
                }

                if (matches.Count > 1)
                {
                    // Two of this node's bodies used the id and the report does not say which: record nothing rather than guess.
                    continue;
                }

                var notice = matches[0];
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
                ReachStage(scope, notice.Key, notice.Stage, report.Stage, at, detail,
                    change: new RowChange($"{column} = @reported, {evidence} = @report", ("@reported", Times.ToUnixMs(at)), ("@report", report.ToByteArray())));
                notice.Reached(report.Stage);
                recorded++;
            }

            return recorded;
        }, cancellationToken);

    /// <summary>This node's sent notices that the reports name, by id (one id may be used by several of its bodies); one
    /// statement for the batch.</summary>
    private Dictionary<string, List<ReportedNotice>> ReadReportedNotices(WriteScope scope, IReadOnlyList<StatusReport> reports)
    {
        var sent = new Dictionary<string, List<ReportedNotice>>(StringComparer.Ordinal);
        var ids = reports.Where(r => r.Stage is Stage.Delivered or Stage.Acknowledged).Select(r => r.MessageId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return sent;
        }

        using var r = scope.Reader(
            $"SELECT id, sender_body, stage, delivered_at, acknowledged_at, key FROM messages WHERE direction = @dir AND {_dialect.InList("id", "@ids")} ORDER BY seq",
            ("@dir", (int)Direction.Outbound), ("@ids", _dialect.ListOf(ids)));
        while (r.Read())
        {
            var id = r.GetString(0);
            if (!sent.TryGetValue(id, out var list))
            {
                sent[id] = list = [];
            }

            list.Add(new ReportedNotice(r.GetString(1), r.GetString(5), (Stage)r.GetInt32(2), !r.IsDBNull(3), !r.IsDBNull(4)));
        }

        return sent;
    }

    /// <summary>A sent notice as a batch of reports sees it: a later report in the batch for the same notice sees what an
    /// earlier one recorded.</summary>
    private sealed class ReportedNotice(string senderBody, string key, Stage stage, bool delivered, bool acknowledged)
    {
        public string SenderBody => senderBody;

        public string Key => key;

        public Stage Stage { get; private set; } = stage;

        private bool _delivered = delivered;
        private bool _acknowledged = acknowledged;

        public bool HasReport(Stage reported) => reported == Stage.Delivered ? _delivered : _acknowledged;

        public void Reached(Stage reported)
        {
            Stage = Stages.Advance(Stage, reported);
            _delivered |= reported == Stage.Delivered;
            _acknowledged |= reported == Stage.Acknowledged;
        }
    }

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
