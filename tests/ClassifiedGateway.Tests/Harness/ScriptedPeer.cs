using System.Collections.Concurrent;
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

/// <summary>A fake TM peer listener holding TM's real node certificate: it answers each relay call as a script says (a failure
/// status, or honest signed receipts), so the sender's handling of each kind of refusal can be watched.</summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedPeer(WebApplication app, ScriptedPeerService service)
    {
        _app = app;
        Service = service;
    }

    public ScriptedPeerService Service { get; }

    /// <summary>Starts on TM's peer port; <paramref name="answer"/> returns a status to fail a call with, or null to store it.</summary>
    public static async Task<ScriptedPeer> StartAsync(NodeSettings tm, NodeSettings kz, Func<IReadOnlyList<string>, int, Status?> answer)
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
        var service = new ScriptedPeerService(certificate, answer);
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<ScriptedPeerService>();
        await app.StartAsync();
        return new ScriptedPeer(app, service);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The scripted peer service: every call is recorded (ids sent), then failed or answered with honest receipts.</summary>
internal sealed class ScriptedPeerService(X509Certificate2 tmNode, Func<IReadOnlyList<string>, int, Status?> answer) : PeerRelayService.PeerRelayServiceBase
{
    private int _calls;

    public ConcurrentQueue<IReadOnlyList<string>> Calls { get; } = new();

    public override Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context)
    {
        var ids = request.Notices.Select(n => Envelope.Parser.ParseFrom(n.Envelope).Id).ToList();
        Calls.Enqueue(ids);
        if (answer(ids, Interlocked.Increment(ref _calls)) is { } status)
        {
            throw new RpcException(status);
        }

        var response = new RelayResponse();
        foreach (var notice in request.Notices)
        {
            var receipt = new Receipt
            {
                MessageId = Envelope.Parser.ParseFrom(notice.Envelope).Id,
                Status = ReceiptStatus.Stored,
                StoredAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
                EnvelopeDigest = ByteString.CopyFrom(SHA256.HashData(notice.Envelope.ToByteArray())),
            };
            receipt.Signature = ByteString.CopyFrom(NodeSignatures.Sign(tmNode, SignedBytes.Receipt(receipt)));
            response.Receipts.Add(receipt);
        }

        return Task.FromResult(response);
    }
}
