using ClassifiedGateway.Gateway.Hosting;
using OpenTelemetry.Metrics;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Metrics (OpenTelemetry → Prometheus), gRPC health checking and reflection.</summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<PeerClockWatch>();
        services.AddHostedService<MetricsProjector>();
        services.AddHostedService<AdmissionMetrics>();
        services.AddHostedService<RelayLeaseMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter());
        services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<PeerLinkHealthCheck>("peer-link")
            .AddCheck<RelayLeaseHealthCheck>(RelayLeaseHealthCheck.Name);
        services.AddGrpcReflection();
        return services;
    }
}
