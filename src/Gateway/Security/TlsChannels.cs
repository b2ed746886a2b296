using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>gRPC channels for a Party's systems: present a client certificate, trust only the given CA for the node.</summary>
public static class TlsChannels
{
    /// <param name="certificatePem">The client certificate; null to present none (which every listener refuses).</param>
    public static GrpcChannel Create(string address, string? certificatePem, string? keyPem, string trustedCaPem)
    {
        var clients = new X509CertificateCollection();
        if (certificatePem is not null && keyPem is not null)
        {
            clients.Add(X509Certificate2.CreateFromPemFile(certificatePem, keyPem));
        }

        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCaPem));
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                SslOptions = new SslClientAuthenticationOptions
                {
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificates = clients,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 server && IssuedBy(server, ca),
                },
            },
            DisposeHttpClient = true,
        });
    }

    private static bool IssuedBy(X509Certificate2 server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
