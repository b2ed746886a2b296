using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Storage;

/// <summary>Registers the store chosen by configuration.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<StoreCounters>();
        services.AddSingleton(sp => StoreDialects.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new SqlGatewayStore(
            sp.GetRequiredService<ISqlDialect>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.MaxGroupCommit,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqlGatewayStore>>(),
            sp.GetRequiredService<IOptions<Faults.FaultOptions>>().Value.Enabled ? sp.GetRequiredService<Faults.FaultInjector>() : null,
            sp.GetRequiredService<StoreCounters>()));
        services.AddSingleton<Lease.IRelayLease>(sp => sp.GetRequiredService<ISqlDialect>() is Postgres.PostgresDialect postgres
            ? new Postgres.PostgresRelayLease(postgres, sp.GetRequiredService<IOptions<StorageOptions>>().Value.Postgres,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Postgres.PostgresRelayLease>>())
            : new Lease.SoleRelayLease());
        services.AddSingleton<IGatewayStore>(sp => sp.GetRequiredService<SqlGatewayStore>());
        services.AddSingleton<IConsoleQueries>(sp => sp.GetRequiredService<SqlGatewayStore>());
        services.AddSingleton<IConsoleStore>(sp => sp.GetRequiredService<SqlGatewayStore>());
        return services;
    }
}
