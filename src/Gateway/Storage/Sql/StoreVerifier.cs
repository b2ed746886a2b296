using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Re-checks every stored envelope against its row digest and the digest the audit chain recorded when it was stored,
/// through an engine's dialect (verify-store). Reports message keys and fixed reasons only, never content.</summary>
internal static class StoreVerifier
{
    public static async Task<IReadOnlyList<(string MessageId, string Problem)>> VerifyAsync(ISqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenReaderAsync(cancellationToken);
        var audited = await AuditedDigestsAsync(connection, cancellationToken);
        var broken = new List<(string, string)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, envelope, digest FROM messages ORDER BY seq";
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
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
    private static async Task<Dictionary<string, byte[]>> AuditedDigestsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string Marker = "sha256=";
        var digests = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, detail FROM audit WHERE detail LIKE '%sha256=%' ORDER BY seq";
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
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
