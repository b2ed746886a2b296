using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Reads a node's audit trail from its SQLite file, and makes consistent copies of it to tamper with.</summary>
internal static class AuditTrail
{
    public static List<AuditEntry> Entries(NodeSettings node) => SqliteAuditReader.Read(node.DatabasePath).Entries;

    public static int Denials(NodeSettings node) => Entries(node).Count(e => e.Kind == "authorization-denied");

    /// <summary>A copy of the node's database including what is still in its write-ahead log.</summary>
    public static string Copy(NodeSettings node, string name)
    {
        var target = Path.Combine(node.DataDirectory, name + ".db");
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = node.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        source.Open();
        copy.Open();
        source.BackupDatabase(copy);
        return target;
    }

    public static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
