using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>Reads the audit chain and its checkpoints from a SQLite file (a live node's or a copy), read-only.</summary>
public static class SqliteAuditReader
{
    public static (List<AuditEntry> Entries, List<AuditCheckpoint> Checkpoints) Read(string path) =>
        StoreAuditReader.ReadAsync(new SqliteDialect(path, readOnly: true), CancellationToken.None).GetAwaiter().GetResult();
}
