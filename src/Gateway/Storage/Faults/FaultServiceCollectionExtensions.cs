namespace ClassifiedGateway.Gateway.Storage.Faults;

/// <summary>Registers fault injection; enabling it outside Development stops the node at start.</summary>
public static class FaultServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayFaults(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptionsWithValidateOnStart<FaultOptions>().BindConfiguration(FaultOptions.SectionName)
            .Validate(o => !o.Enabled || environment.IsDevelopment(),
                "Gateway:Faults:Enabled is for tests in Development only; it is refused in any other environment.");
        services.AddSingleton(sp =>
        {
            var injector = new FaultInjector();
            foreach (var id in sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FaultOptions>>().Value.Poison)
            {
                injector.Apply($"poison {id}");
            }

            return injector;
        });
        services.AddHostedService<FaultFileWatcher>();
        return services;
    }
}
