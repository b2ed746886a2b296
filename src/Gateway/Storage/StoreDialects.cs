using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;

namespace ClassifiedGateway.Gateway.Storage;

/// <summary>The one place that turns the storage options into an engine's dialect.</summary>
internal static class StoreDialects
{
    public static ISqlDialect Create(StorageOptions options) => options.Engine switch
    {
        StorageEngine.Sqlite => new SqliteDialect(options.Sqlite.Path),
        StorageEngine.Postgres => new PostgresDialect(options.Postgres.ConnectionString
            ?? throw new StoreConfigurationException("Gateway:Storage:Postgres:ConnectionString is required when Gateway:Storage:Engine is Postgres.")),
        _ => throw new StoreConfigurationException($"Gateway:Storage:Engine must be Sqlite or Postgres, not '{options.Engine}'."),
    };
}
