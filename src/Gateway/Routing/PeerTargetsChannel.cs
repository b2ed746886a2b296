using ClassifiedGateway.Gateway.Options;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>A channel to the other Party's node whatever its number of replicas, with grpc-dotnet's client-side balancing:
/// one address is dialled as it is; several (one per replica) go through a static resolver, a dns:///name:port through the DNS
/// resolver, both under pick_first.</summary>
/// <remarks>pick_first, not round_robin: every call of the link goes to one replica while it answers (the first of the list that
/// can be reached), so the relay's calls reach the other Party in the order it sends them; when that replica dies the channel
/// reconnects to the next, and the relay's retry carries on there.</remarks>
internal static class PeerTargetsChannel
{
    /// <summary>How often a dns:/// name is resolved again while its replicas answer (a failure re-resolves at once).</summary>
    private static readonly TimeSpan DnsRefresh = TimeSpan.FromSeconds(30);

    /// <summary>The scheme of the static resolver's made-up target; the addresses come from the list, never from this name.</summary>
    private const string StaticTarget = "static:///peer";

    public static GrpcChannel Create(IReadOnlyList<string> targets, GrpcChannelOptions options)
    {
        if (targets.Count == 1 && PeerAddressRules.IsListener(targets[0]))
        {
            return GrpcChannel.ForAddress(targets[0], options);
        }

        var uris = targets.Select(t => new Uri(t)).ToList();
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new DnsResolverFactory(DnsRefresh));
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => [.. uris.Select(u => new BalancerAddress(u.Host, u.Port))]));
        options.ServiceProvider = services.BuildServiceProvider();
        options.ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new PickFirstConfig() } };
        // A dns:/// target carries no scheme to say TLS: the link is always mutual TLS unless every listed address says http.
        options.Credentials = uris.All(u => u.Scheme == Uri.UriSchemeHttp) ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl;
        return GrpcChannel.ForAddress(uris[0].Scheme == "dns" ? targets[0] : StaticTarget, options);
    }
}
