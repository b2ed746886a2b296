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

    /// <summary>Starts on TM's peer port; <paramref name="answer"/> returns a status to fail a call (or a batch of the relay stream)
    /// with, or null to store it. Without <paramref name="stream"/> the peer is an older node: RelayStream is UNIMPLEMENTED.</summary>
    public static async Task<ScriptedPeer> StartAsync(NodeSettings tm, NodeSettings kz, Func<IReadOnlyList<string>, int, Status?> answer, bool stream = false)
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
        ScriptedPeerService service;
        WebApplication app;
        if (stream)
        {
            var streaming = new StreamingScriptedPeerService(certificate, answer);
            builder.Services.AddSingleton(streaming);
            app = builder.Build();
            app.MapGrpcService<StreamingScriptedPeerService>();
            streaming.Stopping = app.Lifetime.ApplicationStopping;
            service = streaming;
        }
        else
        {
            service = new ScriptedPeerService(certificate, answer);
            builder.Services.AddSingleton(service);
            app = builder.Build();
            app.MapGrpcService<ScriptedPeerService>();
        }

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
internal class ScriptedPeerService(X509Certificate2 tmNode, Func<IReadOnlyList<string>, int, Status?> answer) : PeerRelayService.PeerRelayServiceBase
{
    private int _calls;

    /// <summary>The ids of every call and every batch of notices on a stream, in the order they were read.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Calls { get; } = new();

    /// <summary>Batches of notices that came on the relay stream.</summary>
    public int StreamBatches => Volatile.Read(ref _streamBatches);

    private int _streamBatches;

    public override Task<RelayResponse> Relay(RelayRequest request, ServerCallContext context) => Task.FromResult(Answer(request));

    /// <summary>Counted as a stream batch (the stream implementation's hook).</summary>
    protected RelayResponse AnswerStreamed(RelayRequest request)
    {
        Interlocked.Increment(ref _streamBatches);
        return Answer(request);
    }

    private RelayResponse Answer(RelayRequest request)
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

        return response;
    }
}

/// <summary>The scripted peer as a current node: the relay stream too, each batch of notices answered (or the stream ended with
/// the scripted status) in order, as the real receiving side does.</summary>
internal sealed class StreamingScriptedPeerService(X509Certificate2 tmNode, Func<IReadOnlyList<string>, int, Status?> answer)
    : ScriptedPeerService(tmNode, answer)
{
    /// <summary>The peer's shutdown, which ends an open stream (else stopping waits for the sender to close it).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Each batch read on a stream: how many entries it carried and the backlog the sender said it had (null: none said).</summary>
    public ConcurrentQueue<(int Entries, ulong? Backlog)> StreamBacklogs { get; } = new();

    public override async Task RelayStream(IAsyncStreamReader<RelayStreamRequest> requestStream, IServerStreamWriter<RelayStreamResponse> responseStream, ServerCallContext context)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, Stopping);
        while (await requestStream.MoveNext(call.Token))
        {
            var request = requestStream.Current;
            var entries = request.BodyCase == RelayStreamRequest.BodyOneofCase.Notices ? request.Notices.Notices.Count : request.Reports.Reports.Count;
            StreamBacklogs.Enqueue((entries, request.HasBacklog ? request.Backlog : null));
            var response = new RelayStreamResponse { Batch = request.Batch };
            if (request.BodyCase == RelayStreamRequest.BodyOneofCase.Notices)
            {
                response.Notices = AnswerStreamed(request.Notices);
            }
            else
            {
                response.Reports = new RelayStatusResponse();
            }

            await responseStream.WriteAsync(response, call.Token);
        }
    }
}
