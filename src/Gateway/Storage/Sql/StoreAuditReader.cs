using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Reads the whole audit chain and its checkpoints through an engine's dialect (verify-audit; a live node's store or a copy).</summary>
internal static class StoreAuditReader
{
    public static async Task<(List<AuditEntry> Entries, List<AuditCheckpoint> Checkpoints)> ReadAsync(ISqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        await using (var command = connection.CreateCommand())
        {
            // In SQLite seq is the rowid: the entries come in the order they were written on both engines.
            command.CommandText = "SELECT seq, at, kind, message_id, actor, detail, prev_hash, hash FROM audit ORDER BY seq";
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                entries.Add(new AuditEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), (byte[])r[6], (byte[])r[7]));
            }
        }

        var checkpoints = new List<AuditCheckpoint>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT head_seq, head_hash, at, signature FROM audit_checkpoints ORDER BY seq";
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                checkpoints.Add(new AuditCheckpoint(r.GetInt64(0), (byte[])r[1], r.GetInt64(2), (byte[])r[3]));
            }
        }

        return (entries, checkpoints);
    }
}
