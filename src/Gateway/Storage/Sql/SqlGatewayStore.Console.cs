using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The operators' console's reads and records.</summary>
internal sealed partial class SqlGatewayStore : IConsoleStore
{
    public async Task<LinkBacklog> ReadLinkBacklogAsync(CancellationToken cancellationToken)
    {
        var outbox = (await QueryAsync("SELECT COUNT(*), MIN(at) FROM outbox", r => (r.GetInt64(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), cancellationToken))[0];
        var messages = (await QueryAsync(
            """
            SELECT
              COALESCE(SUM(CASE WHEN stage IN (@accepted, @relayed) THEN 1 ELSE 0 END), 0),
              MIN(CASE WHEN stage IN (@accepted, @relayed) THEN accepted_at END),
              COALESCE(SUM(CASE WHEN stage = @delivered THEN 1 ELSE 0 END), 0),
              MIN(CASE WHEN stage = @delivered THEN stage_at END)
            FROM messages WHERE direction = @outbound AND stage IN (@accepted, @relayed, @delivered)
            """,
            r => (r.GetInt64(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? (long?)null : r.GetInt64(3)),
            cancellationToken,
            ("@accepted", (int)Stage.Accepted), ("@relayed", (int)Stage.Relayed), ("@delivered", (int)Stage.Delivered), ("@outbound", (int)Direction.Outbound)))[0];
        return new LinkBacklog(outbox.Item1, At(outbox.Item2), messages.Item1, At(messages.Item2), messages.Item3, At(messages.Item4));
    }

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
