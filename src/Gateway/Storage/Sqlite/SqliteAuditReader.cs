using ClassifiedGateway.Gateway.Security;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>Reads the audit chain and its checkpoints from a SQLite file (a live node's or a copy), read-only.</summary>
public static class SqliteAuditReader
{
    public static (List<AuditEntry> Entries, List<AuditCheckpoint> Checkpoints) Read(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var entries = new List<AuditEntry>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, at, kind, message_id, actor, detail, prev_hash, hash FROM audit ORDER BY rowid";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                entries.Add(new AuditEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), (byte[])r[6], (byte[])r[7]));
            }
        }

        var checkpoints = new List<AuditCheckpoint>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT head_seq, head_hash, at, signature FROM audit_checkpoints ORDER BY seq";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                checkpoints.Add(new AuditCheckpoint(r.GetInt64(0), (byte[])r[1], r.GetInt64(2), (byte[])r[3]));
            }
        }

        return (entries, checkpoints);
    }
}
