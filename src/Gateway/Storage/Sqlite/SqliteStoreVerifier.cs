using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>Re-checks every stored envelope of a SQLite file (a stopped node's or a copy) against its row digest and the
/// digest the audit chain recorded when it was stored. Reports message ids and fixed reasons only, never content.</summary>
public static class SqliteStoreVerifier
{
    public static IReadOnlyList<(string MessageId, string Problem)> Verify(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var audited = AuditedDigests(connection);
        var broken = new List<(string, string)>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, envelope, digest FROM messages ORDER BY seq";
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var id = r.GetString(0);
            var digest = (byte[])r[2];
            if (StoredEnvelopes.Check((byte[])r[1], digest, out var problem) is null)
            {
                broken.Add((id, $"stored envelope {problem}"));
            }
            else if (!audited.TryGetValue(id, out var recorded))
            {
                broken.Add((id, "no digest for it in the audit chain"));
            }
            else if (!recorded.SequenceEqual(digest))
            {
                broken.Add((id, "row digest differs from the digest in the audit chain"));
            }
        }

        return broken;
    }

    /// <summary>The digest each message's storing entry recorded ("sha256=hex" in its detail); the first one counts.</summary>
    private static Dictionary<string, byte[]> AuditedDigests(SqliteConnection connection)
    {
        const string Marker = "sha256=";
        var digests = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, detail FROM audit WHERE detail LIKE '%sha256=%' ORDER BY seq";
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var detail = r.GetString(1);
            var hex = detail[(detail.LastIndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
            if (hex.Length == 64 && !digests.ContainsKey(r.GetString(0)))
            {
                try
                {
                    digests[r.GetString(0)] = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    // Not a digest this node wrote: the message then counts as uncovered.
                }
            }
        }

        return digests;
    }
}
