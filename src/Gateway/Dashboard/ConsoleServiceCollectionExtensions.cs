using ClassifiedGateway.Gateway.Dashboard.Link;

namespace ClassifiedGateway.Gateway.Dashboard;

/// <summary>The operators' console's services: the link status.</summary>
public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorsConsole(this IServiceCollection services)
    {
        services.AddSingleton<LinkStatusReader>();
        return services;
    }
}
