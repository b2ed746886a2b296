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

    private readonly GrpcChannel _probeChannel;

    public PeerLink(IOptions<GatewayOptions> options, CertificateStore certificates, CertificateValidator validator, IOptions<RelayOptions> relay)
    {
        var party = options.Value.LocalParty;
        var targets = options.Value.PeerTargets();
        _channel = Create(targets, party, certificates, validator, null);
        // The probe has its own connection, so that its failures never put the relay's channel into reconnect backoff, and it
        // reconnects at its own pace: an other node that returns shows within a probe interval or two.
        _probeChannel = Create(targets, party, certificates, validator, relay.Value.ProbeInterval);
        Client = new PeerRelayService.PeerRelayServiceClient(_channel);
        Health = new Grpc.Health.V1.Health.HealthClient(_probeChannel);
    }

    private static GrpcChannel Create(IReadOnlyList<string> targets, Party party, CertificateStore certificates, CertificateValidator validator, TimeSpan? maxReconnectBackoff)
    {
        var options = new GrpcChannelOptions
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
        };
        if (maxReconnectBackoff is { } max)
        {
            options.InitialReconnectBackoff = max < TimeSpan.FromSeconds(1) ? max : TimeSpan.FromSeconds(1);
            options.MaxReconnectBackoff = max;
        }

        return PeerTargetsChannel.Create(targets, options);
    }

    public PeerRelayService.PeerRelayServiceClient Client { get; }

    /// <summary>The other node's standard health service on its peer listener: the idle probe of the link.</summary>
    public Grpc.Health.V1.Health.HealthClient Health { get; }

    public void Dispose()
    {
        _channel.Dispose();
        _probeChannel.Dispose();
    }
}
