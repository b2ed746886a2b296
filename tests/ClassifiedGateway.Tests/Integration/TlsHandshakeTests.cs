using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Every listener requires a client certificate at the TLS handshake: bad ones are refused before any RPC runs.</summary>
public sealed class TlsHandshakeTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    public static TheoryData<string> BadCertificates => ["none", "expired", "not-yet-valid", "another-ca", "server-only-usage", "self-signed", "other-party-ca"];

    [Theory]
    [MemberData(nameof(BadCertificates))]
    public async Task A_bad_client_certificate_is_refused_at_the_handshake_and_nothing_runs(string kind)
    {
        var node = _pair.KzNode;
        var id = $"tls-{kind}";
        var certificate = Make(kind);
        var path = Path.Combine(_pair.Directory, $"bad-{kind}");
        if (certificate is not null)
        {
            DevPki.Save(certificate, path);
        }

        using var channel = certificate is null
            ? TlsChannels.Create($"https://127.0.0.1:{node.Settings.LocalPort}", null, null, Path.Combine(node.Settings.Own, "ca.crt"))
            : node.Channel(node.Settings.LocalPort, path);
        var client = new PartyGatewayService.PartyGatewayServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, TimeProvider.System.GetUtcNow()) }).ResponseAsync);

        // A transport failure, not a status from a service: the call never reached one.
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown });
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => node.Party.GetMessageAsync(new GetMessageRequest { MessageId = id }).ResponseAsync);
    }

    [Fact]
    public async Task The_right_certificate_is_accepted()
    {
        var response = await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("tls-good", Party.Kz, TimeProvider.System.GetUtcNow()) });
        Assert.Equal(Stage.Accepted, response.Stage);
    }

    private X509Certificate2? Make(string kind)
    {
        var now = TimeProvider.System.GetUtcNow();
        var ca = DevPki.LoadWithKey(Path.Combine(_pair.KzSettings.Own, "ca"));
        var me = new CallerIdentity(Party.Kz, CallerRole.CompetentBody, Notices.KzCompetentBody);
        return kind switch
        {
            "none" => null,
            "expired" => DevPki.Issue(ca, me, now.AddDays(-30), now.AddDays(-1), server: false, client: true),
            "not-yet-valid" => DevPki.Issue(ca, me, now.AddDays(1), now.AddDays(30), server: false, client: true),
            "another-ca" => DevPki.Issue(DevPki.CreateCa("Someone else", now.AddYears(-1), now.AddYears(1)), me, now.AddDays(-1), now.AddDays(30), server: false, client: true),
            "server-only-usage" => DevPki.Issue(ca, me, now.AddDays(-1), now.AddDays(30), server: true, client: false),
            "self-signed" => DevPki.SelfSigned(me, now.AddDays(-1), now.AddDays(30)),
            "other-party-ca" => DevPki.Issue(DevPki.LoadWithKey(Path.Combine(_pair.KzSettings.Other, "ca")),
                new CallerIdentity(Party.Tm, CallerRole.CompetentBody, Notices.TmCompetentBody), now.AddDays(-1), now.AddDays(30), server: false, client: true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
