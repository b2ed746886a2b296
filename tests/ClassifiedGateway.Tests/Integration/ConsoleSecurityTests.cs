using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The console's edges: a browser without a certificate gets a page that says so (and gRPC stays denied), actions need
/// the console's origin and token, and observers read but never act.</summary>
public sealed class ConsoleSecurityTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task Without_a_client_certificate_every_request_gets_the_explanatory_page_and_grpc_is_denied()
    {
        using var http = Client(null);
        foreach (var path in new[] { "/", "/api/summary", "/metrics", "/healthz/ready" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Client certificate required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var channel = Gateway.Security.TlsChannels.Create($"https://127.0.0.1:{_pair.KzSettings.OperatorPort}", null, null,
            Path.Combine(_pair.KzSettings.Own, "ca.crt"));
        var client = new OperatorService.OperatorServiceClient(channel);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.GetNodeHealthAsync(new GetNodeHealthRequest()).ResponseAsync);
    }

    [Fact]
    public async Task An_action_needs_the_consoles_origin_and_token()
    {
        using var http = Client("kz-operator");
        var me = await http.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("operator", me!.Role);
        Assert.True(me.MayAct);
        var origin = $"https://127.0.0.1:{_pair.KzSettings.OperatorPort}";

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, null, me.Csrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, "https://evil.example", me.Csrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, origin, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, origin, me.Csrf + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, origin, me.Csrf, note: " ")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, origin, me.Csrf)).StatusCode);

        // Another operator's token is not this one's.
        using var other = Client("kz-operator-2");
        var otherMe = await other.GetFromJsonAsync<Me>("/api/me");
        Assert.NotEqual(me.Csrf, otherMe!.Csrf);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, origin, otherMe.Csrf)).StatusCode);
    }

    [Fact]
    public async Task An_observer_reads_the_console_and_metrics_but_may_not_act()
    {
        using var http = Client("kz-observer");
        var me = await http.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("observer", me!.Role);
        Assert.False(me.MayAct);
        var link = await http.GetAsync("/api/link");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        // A node on SQLite is its own only replica: it always holds the relay lease, and the strip shows no standby line.
        using (var status = System.Text.Json.JsonDocument.Parse(await link.Content.ReadAsStringAsync()))
        {
            Assert.True(status.RootElement.GetProperty("relayLeaseHeld").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/audit")).StatusCode);
        var refused = await PostAsync(http, $"https://127.0.0.1:{_pair.KzSettings.OperatorPort}", me.Csrf);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? origin, string? token, string note = "integration test")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/actions/retry-relay") { Content = JsonContent.Create(new { note }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }

        return await http.SendAsync(request);
    }

    private HttpClient Client(string? certificate)
    {
        var own = _pair.KzSettings.Own;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null
                    ? null
                    : new X509CertificateCollection { X509Certificate2.CreateFromPemFile(Path.Combine(own, certificate + ".crt"), Path.Combine(own, certificate + ".key")) },
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(own, "ca.crt"))));
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return server is X509Certificate2 certificate && chain.Build(certificate);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{_pair.KzSettings.OperatorPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    private sealed record Me(string Node, string Body, string Identity, string Role, bool MayAct, string Csrf);
}
