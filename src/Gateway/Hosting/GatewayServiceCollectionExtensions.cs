using ClassifiedGateway.Gateway.Dashboard;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Hosting.Wire;
using ClassifiedGateway.Gateway.Monitoring;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Services;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Faults;
using ClassifiedGateway.Gateway.Time;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Composition of the node, concern by concern.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayNode(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptionsWithValidateOnStart<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptionsWithValidateOnStart<EndpointOptions>().BindConfiguration(EndpointOptions.SectionName).ValidateDataAnnotations();
        services.AddGatewayTime(environment);
        services.AddGatewayStorage();
        services.AddGatewayFaults(environment);
        services.AddHostedService<StoreInitializer>();
        services.AddGatewayRules();
        services.AddGatewayRouting();
        services.AddGatewaySecurity();
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsFileContentsValidator>();
        services.AddGatewayMonitoring();
        services.AddGatewayDashboard();
        services.AddOperatorsConsole();
        services.AddGrpc(grpc =>
        {
            // Errors are mapped around every service; authorization is the seam in front of all endpoints (AuthorizationSeam).
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.EnableDetailedErrors = false;
        });
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<LimitsOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = limits.Value.MaxMessageBytes * 4;
        });
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions<PeerRelayGrpcService>>().Configure<IOptions<LimitsOptions>>((grpc, limits) =>
            grpc.MaxReceiveMessageSize = limits.Value.MaxPeerMessageBytes);

        // Last: it replaces the gRPC method provider that every AddGrpc* call above registers.
        services.AddGatewayWireGuard();
        return services;
    }

    private static IServiceCollection AddGatewayTime(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.SectionName);
        services.AddSingleton(sp =>
        {
            // Production always runs on the real clock; elsewhere the clock may start at a chosen instant.
            var start = environment.IsProduction() ? null : sp.GetRequiredService<IOptions<ClockOptions>>().Value.StartAt;
            return new AdjustableTimeProvider(start);
        });
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<AdjustableTimeProvider>());
        return services;
    }
}
