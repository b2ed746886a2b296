using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Registers submit, relay (both directions) and delivery.</summary>
public static class RoutingServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayRouting(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RelayOptions>().BindConfiguration(RelayOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        services.AddOptionsWithValidateOnStart<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName);
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddOptionsWithValidateOnStart<AdmissionOptions>().BindConfiguration(AdmissionOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<Overload.AdmissionGate>();
        services.AddSingleton<Overload.RelayBacklogGate>();
        services.AddHostedService<Overload.RelayBacklogSampler>();
        services.AddSingleton<SubmitProcessor>();
        services.AddSingleton<Streaming.StreamSlots>();
        services.AddSingleton<Streaming.SubmitStreamer>();
        services.AddSingleton<Acknowledger>();
        services.AddSingleton<Streaming.AcknowledgingSubscription>();
        services.AddSingleton<RelayReceiver>();
        services.AddSingleton<StatusReceiver>();
        services.AddSingleton<RelayStreamReceiver>();
        services.AddSingleton<DeliveryStreamer>();
        services.AddSingleton<PeerLink>();
        services.AddSingleton<PeerLinkState>();
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddHostedService<ObligationScheduler>();
        services.AddHostedService<PeerLinkProbe>();
        return services;
    }
}
