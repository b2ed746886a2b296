using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>How a fake peer lies in its receipts.</summary>
public enum Forgery
{
    /// <summary>A receipt whose signature is not the peer node's.</summary>
    BadSignature = 1,

    /// <summary>A receipt the peer really signed, for content other than what was sent.</summary>
    WrongDigest = 2,
}

/// <summary>A fake TM peer listener, in the test process, holding TM's real node certificate (so the TLS pin passes)
/// but answering every relay with forged receipts.</summary>
internal sealed class ForgingPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForgingPeer(WebApplication app) => _app = app;

    public static async Task<ForgingPeer> StartAsync(NodeSettings tm, NodeSettings kz, Forgery forgery)
    {
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(tm.Own, "node.crt"), Path.Combine(tm.Own, "node.key"));
        var expectedClient = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(kz.Own, "node.crt")));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, tm.PeerPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (client, _, _) => client.Thumbprint == expectedClient.Thumbprint;
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new ForgingPeerService(certificate, forgery));
        var app = builder.Build();
        app.MapGrpcService<ForgingPeerService>();
        await app.StartAsync();
        return new ForgingPeer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The lying peer service.</summary>
internal sealed class ForgingPeerService(X509Certificate2 tmNode, Forgery forgery) : PeerRelayService.PeerRelayServiceBase
{
    public override Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context)
    {
        var response = new RelayResponse();
        foreach (var notice in request.Notices)
        {
            var envelope = Envelope.Parser.ParseFrom(notice.Envelope);
            var receipt = new Receipt
            {
                MessageId = envelope.Id,
                Status = ReceiptStatus.Stored,
                StoredAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
                EnvelopeDigest = ByteString.CopyFrom(SHA256.HashData(forgery == Forgery.WrongDigest ? [1, 2, 3] : notice.Envelope.ToByteArray())),
            };
            receipt.Signature = ByteString.CopyFrom(forgery == Forgery.BadSignature
                ? RandomNumberGenerator.GetBytes(64)
                : NodeSignatures.Sign(tmNode, SignedBytes.Receipt(receipt)));
            response.Receipts.Add(receipt);
        }

        return Task.FromResult(response);
    }
}
