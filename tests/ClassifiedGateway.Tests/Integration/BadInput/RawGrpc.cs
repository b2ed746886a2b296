using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Google.Rpc;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>What a raw call came back with: the gRPC status as the headers or trailers carried it.</summary>
internal sealed record RawStatus(int? Code, string Message, Google.Rpc.Status? Details, int EncodedBytes, int HttpStatus)
{
    public IReadOnlyList<string> BadFields =>
        Details?.Details.Where(a => a.Is(BadRequest.Descriptor)).SelectMany(a => a.Unpack<BadRequest>().FieldViolations).Select(v => v.Field).ToList() ?? [];

    public override string ToString() => $"grpc-status {Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} (HTTP {HttpStatus}) '{Message}' fields [{string.Join(", ", BadFields)}], {EncodedBytes} bytes";
}

/// <summary>An HTTP/2-over-TLS client that sends hand-built gRPC bodies (frames and protobuf bytes the generated client cannot
/// produce) to one listener, presenting one certificate, and reads the status from headers or trailers.</summary>
internal sealed class RawGrpc : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;
    private readonly string _origin;

    public RawGrpc(int port, string certificate, string trustedCa)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCa));
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificates = [X509Certificate2.CreateFromPemFile(certificate + ".crt", certificate + ".key")],
                RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 s && IssuedBy(s, ca),
            },
        };
        _http = new HttpClient(handler) { Timeout = CallTimeout };
        _origin = $"https://127.0.0.1:{port}";
    }

    /// <summary>POSTs <paramref name="body"/> (already framed) to <paramref name="path"/> and reads the whole response.</summary>
    public async Task<RawStatus> CallAsync(string path, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _origin + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Add("grpc-timeout", "10S");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await response.Content.ReadAsByteArrayAsync(timeout.Token);
        var fields = response.Headers.Contains("grpc-status") ? response.Headers : response.TrailingHeaders;
        var code = Header(fields, "grpc-status") is { } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var message = Uri.UnescapeDataString(Header(fields, "grpc-message") ?? "");
        var detailsBin = Header(fields, "grpc-status-details-bin");
        var details = detailsBin is null ? null : Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Pad(detailsBin)));
        var encoded = new[] { "grpc-status", "grpc-message", "grpc-status-details-bin" }
            .Sum(n => Header(fields, n) is { } v ? n.Length + v.Length : 0);
        return new RawStatus(code, message, details, encoded, (int)response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static bool IssuedBy(X509Certificate2 server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
