using ClassifiedGateway.Gateway.Dashboard.Search;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Dashboard;

/// <summary>What the operators' console needs besides the store.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayDashboard(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ListFilters(sp.GetRequiredService<IOptions<BodiesOptions>>().Value, sp.GetRequiredService<HostTimeZones>()));
        return services;
    }
}
