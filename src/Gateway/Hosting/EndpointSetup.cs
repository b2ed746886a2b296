using System.Net;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>The one place listeners are opened and services are bound to them: local systems, the peer and
/// operators each get their own port, so each listener can demand its own client identity.</summary>
internal static class EndpointSetup
{
    public static void ConfigureListeners(KestrelServerOptions kestrel, EndpointOptions endpoints)
    {
        foreach (var url in new[] { endpoints.Local, endpoints.Peer, endpoints.Operator })
        {
            var uri = new Uri(url);
            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
            kestrel.Listen(address, uri.Port, listen => listen.Protocols = HttpProtocols.Http2);
        }

        kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 200;
    }

    public static void MapGatewayEndpoints(WebApplication app, EndpointOptions endpoints)
    {
        var local = Host(endpoints.Local);
        var peer = Host(endpoints.Peer);
        var operators = Host(endpoints.Operator);

        app.MapGrpcService<PartyGatewayGrpcService>().RequireHost(local);
        app.MapGrpcService<PeerRelayGrpcService>().RequireHost(peer);
        app.MapGrpcService<OperatorGrpcService>().RequireHost(operators);
        if (!app.Environment.IsProduction())
        {
            app.MapGrpcService<DevClockGrpcService>().RequireHost(local);
        }

        app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false }).RequireHost(operators);
        app.MapHealthChecks("/healthz/ready").RequireHost(operators);
    }

    private static string Host(string url) => $"*:{new Uri(url).Port}";
}
