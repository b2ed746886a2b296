using ClassifiedGateway.Contracts.V1;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The channel to the other Party's node over mutual TLS; the one place the node dials out.</summary>
internal sealed class PeerLink : IDisposable
{
    private readonly GrpcChannel _channel;

    public PeerLink(IOptions<GatewayOptions> options, CertificateStore certificates, CertificateValidator validator)
    {
        var party = options.Value.LocalParty;
        _channel = GrpcChannel.ForAddress(options.Value.PeerAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(5),
                SslOptions = new SslClientAuthenticationOptions
                {
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    // Each new connection presents the current node certificate, so rotation needs no restart.
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => certificates.Current.Node,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        certificate is X509Certificate2 server && validator.AcceptsPeerServer(server, party),
                },
            },
        });
        Client = new PeerRelayService.PeerRelayServiceClient(_channel);
        Health = new Grpc.Health.V1.Health.HealthClient(_channel);
    }

    public PeerRelayService.PeerRelayServiceClient Client { get; }

    /// <summary>The other node's standard health service on its peer listener: the idle probe of the link.</summary>
    public Grpc.Health.V1.Health.HealthClient Health { get; }

    public void Dispose() => _channel.Dispose();
}
