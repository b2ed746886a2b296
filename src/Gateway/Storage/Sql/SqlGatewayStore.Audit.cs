using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The hash-chained audit trail: appended in the same transaction as the change it records.</summary>
internal sealed partial class SqlGatewayStore
{
    internal static void AppendAudit(WriteScope scope, string kind, string messageId, string actor, string detail, DateTimeOffset at)
    {
        // The head is the transaction's (see WriteScope): read once, forgotten on ROLLBACK TO, never carried to the next batch.
        var (last, previous) = scope.AuditHead;
        var sequence = last + 1;
        var atMs = Times.ToUnixMs(at);
        var hash = AuditHash.Compute(previous, sequence, atMs, kind, messageId, actor, detail);
        scope.Events.Add(new AuditEntry(sequence, atMs, kind, messageId, actor, detail, previous, hash));
        scope.AuditHead = (sequence, hash);
    }

    public Task AppendAuditAsync(string kind, string messageId, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            AppendAudit(scope, kind, messageId, actor, detail, at);
            return 0;
        }, cancellationToken);

    public Task RecordAlarmAsync(string messageId, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            var known = scope.Scalar("SELECT COUNT(*) FROM history WHERE message_id = @id AND event_kind = @kind AND detail = @detail",
                ("@id", messageId), ("@kind", (int)EventKind.Alarm), ("@detail", detail));
            if (Convert.ToInt64(known, System.Globalization.CultureInfo.InvariantCulture) == 0
                && !scope.Events.Any(h => h.MessageId == messageId && h.EventKind == (int)EventKind.Alarm && h.Detail == detail)
                && scope.Scalar("SELECT stage FROM messages WHERE key = @id", ("@id", messageId)) is not null)
            {
                AppendHistory(scope, messageId, CurrentStage(scope, messageId), at, detail, eventKind: EventKind.Alarm);
            }

            return 0;
        }, cancellationToken);

    public Task<AuditCheckpoint?> CheckpointAuditAsync(Func<long, byte[], long, byte[]> sign, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<AuditCheckpoint?>(scope =>
        {
            var (sequence, hash) = scope.AuditHead;
            if (sequence == 0)
            {
                return null;
            }

            var last = scope.Scalar("SELECT MAX(head_seq) FROM audit_checkpoints");
            if (last is not null && Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture) >= sequence)
            {
                return null;
            }

            var atMs = Times.ToUnixMs(at);
            var signature = sign(sequence, hash, atMs);
            scope.Execute("INSERT INTO audit_checkpoints (head_seq, head_hash, at, signature) VALUES (@seq, @hash, @at, @signature)",
                ("@seq", sequence), ("@hash", hash), ("@at", atMs), ("@signature", signature));
            return new AuditCheckpoint(sequence, hash, atMs, signature);
        }, cancellationToken);

    public async Task<StoredEvidence?> GetEvidenceAsync(string messageId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT direction, envelope, peer_sequence, sender_accepted_at, notice_signature, receipt, digest, id, notice_proof, delivered_report, acknowledged_report FROM messages WHERE key = @id",
            r => (Direction: (Direction)r.GetInt32(0), Envelope: (byte[])r[1], Sequence: r.IsDBNull(2) ? (long?)null : r.GetInt64(2),
                Sent: r.IsDBNull(3) ? (DateTimeOffset?)null : Times.FromUnixMs(r.GetInt64(3)), Signature: r.IsDBNull(4) ? null : (byte[])r[4],
                Receipt: r.IsDBNull(5) ? null : Receipt.Parser.ParseFrom((byte[])r[5]), Digest: (byte[])r[6], Id: r.GetString(7),
                Proof: r.IsDBNull(8) ? null : BatchProof.Parser.ParseFrom((byte[])r[8]),
                Reports: StoredReports.Read(r, 9, Stage.Delivered, r.GetString(7)).Concat(StoredReports.Read(r, 10, Stage.Acknowledged, r.GetString(7))).ToList()),
            cancellationToken, ("@id", messageId));
        if (rows.Count == 0)
        {
            return null;
        }

        if (StoredEnvelopes.Check(rows[0].Envelope, rows[0].Digest, out var problem) is null)
        {
            // Evidence of altered content would be evidence of nothing: quarantine and say so instead.
            await QuarantineAsync([(messageId, problem!)], cancellationToken);
            throw new Errors.RuleRefusalException(StoredEnvelopes.QuarantineRule, "",
                $"Message '{rows[0].Id}' is quarantined: its stored envelope {problem}. No evidence is exported for it.", ["message_id"]);
        }

        var audit = await QueryAsync("SELECT seq, at, kind, message_id, actor, detail, prev_hash, hash FROM audit WHERE message_id = @id ORDER BY seq",
            r => new AuditEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), (byte[])r[6], (byte[])r[7]),
            cancellationToken, ("@id", messageId));
        var m = rows[0];
        return new StoredEvidence(m.Id, m.Direction, m.Envelope, m.Sequence, m.Sent, m.Signature, m.Direction == Direction.Outbound ? m.Receipt : null, audit,
            m.Direction == Direction.Inbound ? m.Proof : null, m.Direction == Direction.Outbound ? m.Reports : []);
    }

    public async Task<long> OutboxDepthAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(OutboxDepthSql, r => r.GetInt64(0), cancellationToken)).FirstOrDefault();

    public Task SharePeerBacklogAsync(long backlog, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            const string Upsert = "INSERT INTO counters (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
            scope.Write(Upsert, ("@n", PeerBacklogCounter), ("@v", backlog));
            scope.Write(Upsert, ("@n", PeerBacklogAtCounter), ("@v", Times.ToUnixMs(at)));
            return 0;
        }, cancellationToken);

    public async Task<(long Backlog, DateTimeOffset At)?> ReadSharedPeerBacklogAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT name, value FROM counters WHERE name IN ('{PeerBacklogCounter}', '{PeerBacklogAtCounter}')",
            r => (Name: r.GetString(0), Value: r.GetInt64(1)), cancellationToken);
        var values = rows.ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal);
        return values.TryGetValue(PeerBacklogCounter, out var backlog) && values.TryGetValue(PeerBacklogAtCounter, out var ms)
            ? (backlog, Times.FromUnixMs(ms))
            : null;
    }

    /// <summary>Rows of <c>counters</c> written only by <see cref="SharePeerBacklogAsync"/> (inserted on first use, no migration).</summary>
    internal const string PeerBacklogCounter = "peer_backlog";

    internal const string PeerBacklogAtCounter = "peer_backlog_at";

    /// <summary>The counter the outbox's triggers keep (migration 15), not a count of its rows.</summary>
    internal const string OutboxDepthSql = $"SELECT value FROM counters WHERE name = '{OutboxEntriesCounter}'";
}
