using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Deny by default: no one speaks for another body or Party, operators only read, the peer only relays; each denial is audited.</summary>
public sealed class AuthorizationTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task A_TM_certificate_submitting_a_notice_as_KZ_is_denied_and_audited()
    {
        var envelope = Notices.Consultation("as-kz", Party.Kz, TimeProvider.System.GetUtcNow());
        await DeniedAndAuditedAsync(_pair.TmSettings, "SENDER_NOT_CALLER", () => _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync, "Art. 3.1");
    }

    [Fact]
    public async Task An_authorized_body_sending_a_competent_body_notice_is_denied_and_audited()
    {
        var envelope = Notices.Consultation("ab-consults", Party.Kz, TimeProvider.System.GetUtcNow());
        envelope.SenderBody = Notices.KzAuthorizedBody;
        await DeniedAndAuditedAsync(_pair.KzSettings, "SENDER_NOT_CALLER",
            () => _pair.KzNode.PartyAs(Notices.KzAuthorizedBody).SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync, "Art. 8");
    }

    [Fact]
    public async Task An_authorized_body_sending_an_investigation_result_is_denied_citing_Art_11_1()
    {
        var envelope = Notices.Envelope("ab-investigates", Party.Kz, TimeProvider.System.GetUtcNow(), Case.InvestigationResult);
        envelope.SenderBody = Notices.KzAuthorizedBody;
        await DeniedAndAuditedAsync(_pair.KzSettings, "SENDER_NOT_CALLER",
            () => _pair.KzNode.PartyAs(Notices.KzAuthorizedBody).SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync, "Art. 11.1");
    }

    [Fact]
    public async Task An_authorized_body_sending_as_another_body_is_denied_and_audited()
    {
        var envelope = Notices.Envelope("ab-as-other", Party.Kz, TimeProvider.System.GetUtcNow(), Case.ContractRegistration);
        envelope.SenderBody = "kz-ab-2";
        await DeniedAndAuditedAsync(_pair.KzSettings, "SENDER_NOT_CALLER",
            () => _pair.KzNode.PartyAs(Notices.KzAuthorizedBody).SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync, "Art. 1.6");
    }

    [Fact]
    public async Task An_operator_submitting_is_denied_and_audited()
    {
        var envelope = Notices.Consultation("operator-submits", Party.Kz, TimeProvider.System.GetUtcNow());
        await DeniedAndAuditedAsync(_pair.KzSettings, "ROLE_NOT_ALLOWED",
            () => _pair.KzNode.PartyAs("kz-operator").SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
    }

    [Fact]
    public async Task The_peer_node_calling_the_local_service_is_denied_and_audited()
    {
        var envelope = Notices.Consultation("peer-submits", Party.Kz, TimeProvider.System.GetUtcNow());
        using var channel = _pair.KzNode.Channel(_pair.KzSettings.LocalPort, Path.Combine(_pair.KzSettings.Other, "node"));
        var client = new PartyGatewayService.PartyGatewayServiceClient(channel);
        await DeniedAndAuditedAsync(_pair.KzSettings, "ROLE_NOT_ALLOWED", () => client.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
    }

    [Fact]
    public async Task A_party_system_calling_the_operators_service_is_denied()
    {
        using var channel = _pair.KzNode.Channel(_pair.KzSettings.OperatorPort, Path.Combine(_pair.KzSettings.Own, Notices.KzCompetentBody));
        var client = new OperatorService.OperatorServiceClient(channel);
        await DeniedAndAuditedAsync(_pair.KzSettings, "ROLE_NOT_ALLOWED", () => client.CountByStageAsync(new CountByStageRequest()).ResponseAsync);
    }

    [Fact]
    public async Task An_authorized_body_sends_its_own_Art_5_to_7_notices()
    {
        var envelope = Notices.Envelope("ab-contract", Party.Kz, TimeProvider.System.GetUtcNow(), Case.ContractRegistration);
        envelope.SenderBody = Notices.KzAuthorizedBody;
        envelope.ReceiverBody = Notices.TmAuthorizedBody;
        var response = await _pair.KzNode.PartyAs(Notices.KzAuthorizedBody).SubmitAsync(new SubmitRequest { Envelope = envelope });
        Assert.Equal(Stage.Accepted, response.Stage);
    }

    [Fact]
    public async Task An_operator_certificate_on_the_local_listener_naming_the_operator_port_in_the_Host_header_is_denied_and_audited()
    {
        var before = AuditTrail.Denials(_pair.KzSettings);
        using var http = Http(_pair.KzSettings, _pair.KzSettings.LocalPort, "kz-operator");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/classified.gateway.v1.OperatorService/CountByStage")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Headers.Host = $"127.0.0.1:{_pair.KzSettings.OperatorPort}";
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Content.Headers.ContentType = new("application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal("7", response.Headers.GetValues("grpc-status").Single());
        Assert.True(response.Headers.Contains("grpc-status-details-bin"));
        Assert.Equal(before + 1, AuditTrail.Denials(_pair.KzSettings));
    }

    [Fact]
    public async Task A_system_whose_authority_is_localhost_without_the_port_submits_and_reads_its_notice()
    {
        var envelope = Notices.Consultation("authority-no-port", Party.Kz, TimeProvider.System.GetUtcNow());
        var (submitStatus, submitted) = await CallWithAuthorityAsync(_pair.KzSettings, _pair.KzSettings.LocalPort, Notices.KzCompetentBody, "localhost",
            "/classified.gateway.v1.PartyGatewayService/Submit", new SubmitRequest { Envelope = envelope }.ToByteArray());
        Assert.Equal("0", submitStatus);
        Assert.Equal(Stage.Accepted, SubmitResponse.Parser.ParseFrom(submitted).Stage);

        var (getStatus, got) = await CallWithAuthorityAsync(_pair.KzSettings, _pair.KzSettings.LocalPort, Notices.KzCompetentBody, "localhost",
            "/classified.gateway.v1.PartyGatewayService/GetMessage", new GetMessageRequest { MessageId = "authority-no-port" }.ToByteArray());
        Assert.Equal("0", getStatus);
        Assert.Equal("authority-no-port", GetMessageResponse.Parser.ParseFrom(got).Message.Envelope.Id);
    }

    [Fact]
    public async Task An_operator_whose_authority_is_localhost_without_the_port_reaches_the_operators_service()
    {
        var (status, body) = await CallWithAuthorityAsync(_pair.KzSettings, _pair.KzSettings.OperatorPort, "kz-operator", "localhost",
            "/classified.gateway.v1.OperatorService/CountByStage", new CountByStageRequest().ToByteArray());
        Assert.Equal("0", status);
        Assert.NotNull(CountByStageResponse.Parser.ParseFrom(body));
    }

    /// <summary>One unary gRPC call over HTTP/2 with :authority set by hand; returns grpc-status and the one response message.</summary>
    private static async Task<(string Status, byte[] Message)> CallWithAuthorityAsync(
        NodeSettings node, int port, string certificate, string authority, string path, byte[] message)
    {
        using var http = Http(node, port, certificate);
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1, 4), message.Length);
        message.CopyTo(framed, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        request.Headers.Host = authority;
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Content.Headers.ContentType = new("application/grpc");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single()
            : $"HTTP {(int)response.StatusCode}";
        return (status, body.Length >= 5 ? body[5..] : []);
    }

    private static HttpClient Http(NodeSettings node, int port, string certificate)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node.Own, "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                ClientCertificates = [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(Path.Combine(node.Own, certificate + ".crt"), Path.Combine(node.Own, certificate + ".key"))],
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                {
                    using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                    chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                    return server is System.Security.Cryptography.X509Certificates.X509Certificate2 s && chain.Build(s);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>Denied with this reason, audited once, citing <paramref name="article"/> (null: no article, the denial is not the agreement's).</summary>
    private static async Task DeniedAndAuditedAsync(NodeSettings node, string reason, Func<Task> call, string? article = null)
    {
        var before = AuditTrail.Denials(node);
        var e = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, call);
        var info = RpcAssert.ErrorInfo(e);
        Assert.Equal(reason, info?.Reason);
        if (article is null)
        {
            Assert.False(info!.Metadata.ContainsKey("article"), $"{reason} cites no article, got {info.Metadata.GetValueOrDefault("article")}");
        }
        else
        {
            Assert.Equal(article, info!.Metadata["article"]);
            Assert.StartsWith(article + ": ", e.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before + 1, AuditTrail.Denials(node));
    }
}
