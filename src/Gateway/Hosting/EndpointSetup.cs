using System.Net;
using System.Security.Authentication;
using ClassifiedGateway.Gateway.Dashboard;
using ClassifiedGateway.Gateway.Hosting.Connections;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>The one place listeners are opened and services are bound to them: local systems, the peer and operators each
/// get their own port, and every one of them requires a client certificate at the TLS handshake (TLS 1.2 minimum) — the operator
/// listener's handshake alone completes without one, to answer an explanatory 401 page.</summary>
internal static class EndpointSetup
{
    public static void ConfigureListeners(KestrelServerOptions kestrel, EndpointOptions endpoints, LimitsOptions limits)
    {
        var services = kestrel.ApplicationServices;
        var certificates = services.GetRequiredService<CertificateStore>();
        var validator = services.GetRequiredService<CertificateValidator>();
        var party = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value.LocalParty;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HandshakeGuard));
        var pending = new PendingHandshakes(limits.MaxPendingHandshakesPerAddress);
        foreach (var (url, kind) in new[] { (endpoints.Local, ListenerKind.Local), (endpoints.Peer, ListenerKind.Peer), (endpoints.Operator, ListenerKind.Operator) })
        {
            var uri = new Uri(url);
            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
            kestrel.Listen(address, uri.Port, listen =>
            {
                // Operators' browsers may speak HTTP/1.1 to the dashboard; gRPC negotiates HTTP/2 by ALPN.
                listen.Protocols = kind == ListenerKind.Operator ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
                HandshakeGuard.Wrap(listen, pending, logger, tls => tls.UseHttps(https =>
                {
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    https.ServerCertificateSelector = (_, _) => certificates.Current.Node;
                    // The operator listener lets a browser without a certificate finish the handshake, only so that the seam can
                    // answer every request with a page that says what is missing (a bare connection error otherwise); a certificate
                    // presented is still validated here, and without one nothing but that page (and PERMISSION_DENIED) is reachable.
                    https.ClientCertificateMode = kind == ListenerKind.Operator ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => validator.AcceptsClient(kind, certificate, party);
                    https.HandshakeTimeout = limits.HandshakeTimeout;
                }));
            });
        }

        kestrel.AddServerHeader = false;
        // gRPC calls lift this per request (GrpcFramingMiddleware checks every frame instead); it bounds the HTTP endpoints.
        kestrel.Limits.MaxRequestBodySize = limits.MaxMessageBytes;
        kestrel.Limits.Http2.MaxStreamsPerConnection = limits.MaxStreamsPerConnection;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
    }

    /// <summary>Maps every service and endpoint once. Which listener and which identity may reach each is not decided here
    /// (no Host header, no RequireHost) but by the authorization seam against <see cref="AccessPolicy"/>.</summary>
    public static void MapGatewayEndpoints(WebApplication app)
    {
        app.MapGrpcService<PartyGatewayGrpcService>();
        app.MapGrpcService<PeerRelayGrpcService>();
        app.MapGrpcService<OperatorGrpcService>();
        if (!app.Environment.IsProduction())
        {
            app.MapGrpcService<DevClockGrpcService>();
        }

        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapPrometheusScrapingEndpoint(HttpEndpoints.Metrics.Pattern).Is(HttpEndpoints.Metrics);
        app.MapHealthChecks(HttpEndpoints.Live.Pattern, new() { Predicate = _ => false }).Is(HttpEndpoints.Live);
        app.MapHealthChecks(HttpEndpoints.Ready.Pattern, new() { ResponseWriter = HealthReplies.WriteAsync }).Is(HttpEndpoints.Ready);
        DashboardEndpoints.Map(app);
        Dashboard.Link.LinkEndpoints.Map(app);
        Dashboard.Actions.ActionEndpoints.Map(app);
        Dashboard.Audit.AuditEndpoints.Map(app);
    }
}
