using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>What a call came back with, reduced to what authorization decides.</summary>
internal enum CallOutcome
{
    /// <summary>Past authorization: any answer but PERMISSION_DENIED, UNAUTHENTICATED, 403 (or NOT_FOUND where hiding is expected).</summary>
    Answered = 1,

    /// <summary>PERMISSION_DENIED / UNAUTHENTICATED (gRPC) or 403 (HTTP).</summary>
    Denied = 2,

    /// <summary>NOT_FOUND.</summary>
    NotFound = 3,

    /// <summary>The TLS handshake refused the certificate: no call ran.</summary>
    RefusedAtHandshake = 4,
}

/// <summary>Calls any gRPC method by its descriptor with raw request bytes (every call type), or any HTTP path, with one
/// certificate against one port; every call has a deadline.</summary>
internal sealed class RawCaller(int port, string certificate, string trustedCa) : IDisposable
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
    private readonly GrpcChannel _channel = Gateway.Security.TlsChannels.Create($"https://127.0.0.1:{port}", certificate + ".crt", certificate + ".key", trustedCa);
    private readonly HttpClient _http = Http(port, certificate, trustedCa);

    public async Task<(CallOutcome Outcome, string Detail)> CallAsync(MethodDescriptor method, byte[] request)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var grpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var streaming = method.IsServerStreaming || method.IsClientStreaming;
        var options = new CallOptions(deadline: TimeProvider.System.GetUtcNow().UtcDateTime.Add(streaming ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15)));
        var invoker = _channel.CreateCallInvoker();
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(grpc, null, options, request).ResponseAsync;
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(grpc, null, options, request))
                    {
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }

                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(grpc, null, options))
                    {
                        await WriteAsync(call.RequestStream, request);
                        await call.ResponseAsync;
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(grpc, null, options))
                    {
                        await WriteAsync(call.RequestStream, request);
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }

                    break;
            }

            return (CallOutcome.Answered, "OK");
        }
        catch (RpcException e)
        {
            return (Classify(e), $"{e.StatusCode}: {e.Status.Detail}");
        }
        catch (Exception e) when (IsTransport(e))
        {
            return (CallOutcome.RefusedAtHandshake, e.GetType().Name);
        }
    }

    /// <summary>Writes the one request; when the server has already answered (a denial is trailers-only) the write fails and
    /// the answer is read from the response instead.</summary>
    private static async Task WriteAsync(IClientStreamWriter<byte[]> requests, byte[] request)
    {
        try
        {
            await requests.WriteAsync(request);
            await requests.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or HttpRequestException or IOException)
        {
            // The status (or the transport failure) surfaces from the response.
        }
    }

    public async Task<(CallOutcome Outcome, string Detail)> GetAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized ? CallOutcome.Denied
                : response.StatusCode == HttpStatusCode.NotFound ? CallOutcome.NotFound
                : CallOutcome.Answered, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            return (CallOutcome.RefusedAtHandshake, e.Message);
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }

    private static CallOutcome Classify(RpcException e) => e.StatusCode switch
    {
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => CallOutcome.Denied,
        StatusCode.NotFound => CallOutcome.NotFound,
        StatusCode.Unavailable or StatusCode.Internal when IsTransport(e.Status.DebugException) => CallOutcome.RefusedAtHandshake,
        _ => CallOutcome.Answered,
    };

    private static bool IsTransport(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static HttpClient Http(int port, string certificate, string trustedCa)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCa));
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificates = new X509CertificateCollection { X509Certificate2.CreateFromPemFile(certificate + ".crt", certificate + ".key") },
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return server is X509Certificate2 s && chain.Build(s);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
    }
}
