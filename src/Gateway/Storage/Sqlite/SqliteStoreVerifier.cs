using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>verify-store over a SQLite file (a stopped node's or a copy), read-only.</summary>
public static class SqliteStoreVerifier
{
    public static IReadOnlyList<(string MessageId, string Problem)> Verify(string path) =>
        StoreVerifier.VerifyAsync(new SqliteDialect(path, readOnly: true), CancellationToken.None).GetAwaiter().GetResult();
}
