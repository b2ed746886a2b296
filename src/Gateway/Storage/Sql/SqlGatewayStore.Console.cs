using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The operators' console's reads and records.</summary>
internal sealed partial class SqlGatewayStore : IConsoleStore
{
    // One statement, so one snapshot; each part a counter row or one index seek (migration 15), never a scan of the backlog.
    public async Task<LinkBacklog> ReadLinkBacklogAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(LinkBacklogSql,
            r => new LinkBacklog(r.GetInt64(0), At(OrNull(r, 1)), r.GetInt64(2), At(Earlier(OrNull(r, 3), OrNull(r, 4))), r.GetInt64(5), At(OrNull(r, 6))),
            cancellationToken))[0];

    /// <summary>Each oldest message comes from the partial index of its stage, whose WHERE the query repeats with the values
    /// inlined: a planner proves a partial index usable only from literal values (a bound parameter could be anything).
    /// The oldest outbox entry is the one first in line (entries are queued in time order).</summary>
    internal static readonly string LinkBacklogSql = $"""
        SELECT
          COALESCE(({OutboxDepthSql}), 0),
          (SELECT at FROM outbox ORDER BY seq LIMIT 1),
          COALESCE((SELECT CAST(SUM(count) AS BIGINT) FROM stage_counts WHERE direction = {SqlOutbound} AND stage IN ({SqlAccepted}, {SqlRelayed})), 0),
          (SELECT accepted_at FROM messages WHERE direction = {SqlOutbound} AND stage = {SqlAccepted} ORDER BY stage, accepted_at LIMIT 1),
          (SELECT accepted_at FROM messages WHERE direction = {SqlOutbound} AND stage = {SqlRelayed} ORDER BY stage, accepted_at LIMIT 1),
          COALESCE((SELECT count FROM stage_counts WHERE direction = {SqlOutbound} AND stage = {SqlDelivered}), 0),
          (SELECT stage_at FROM messages WHERE direction = {SqlOutbound} AND stage = {SqlDelivered} ORDER BY stage, stage_at LIMIT 1)
        """;

    private static long? Earlier(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>The row of counters the outbox's triggers keep (migration 15).</summary>
    internal const string OutboxEntriesCounter = "outbox_entries";

    private const int SqlOutbound = (int)Direction.Outbound;
    private const int SqlAccepted = (int)Stage.Accepted;
    private const int SqlRelayed = (int)Stage.Relayed;
    private const int SqlDelivered = (int)Stage.Delivered;

    private static long? OrNull(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);

    public async Task<(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<AuditCheckpoint> Checkpoints)> ReadAuditChainAsync(CancellationToken cancellationToken)
    {
        // Checkpoints first: every one then names a head the entries read after it still contain.
        var checkpoints = await QueryAsync("SELECT head_seq, head_hash, at, signature FROM audit_checkpoints ORDER BY seq",
            r => new AuditCheckpoint(r.GetInt64(0), (byte[])r[1], r.GetInt64(2), (byte[])r[3]), cancellationToken);
        var entries = await QueryAsync($"SELECT {AuditColumns} FROM audit ORDER BY seq", ReadAuditEntry, cancellationToken);
        return (entries, checkpoints);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditPageAsync(long? beforeSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {AuditColumns} FROM audit WHERE seq < @before ORDER BY seq DESC LIMIT @limit", ReadAuditEntry, cancellationToken,
            ("@before", beforeSequence ?? long.MaxValue), ("@limit", limit));

    private const string AuditColumns = "seq, at, kind, message_id, actor, detail, prev_hash, hash";

    private static AuditEntry ReadAuditEntry(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), (byte[])r[6], (byte[])r[7]);

    private static DateTimeOffset? At(long? unixMs) => unixMs is { } ms ? Times.FromUnixMs(ms) : null;
}
