using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Operators' reads of a notice's content are audited once per read; lists carry metadata only.</summary>
public sealed class ContentReadAuditTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private const string Operator = "KZ/operator/kz-operator";
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task Timeline_evidence_message_page_and_evidence_download_each_leave_one_content_read_entry()
    {
        var id = "content-read-breach";
        await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope(id, Party.Kz, TimeProvider.System.GetUtcNow(), Case.BreachNotification) });
        using var http = OperatorHttp(_pair.KzSettings);

        await ReadOnceAsync(id, async () => await _pair.KzNode.Operator.GetTimelineAsync(new GetTimelineRequest { MessageId = id }));
        await ReadOnceAsync(id, async () => await _pair.KzNode.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = id }));
        await ReadOnceAsync(id, async () => (await http.GetAsync($"/api/messages/{id}")).EnsureSuccessStatusCode());
        await ReadOnceAsync(id, async () => (await http.GetAsync($"/api/messages/{id}/evidence")).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task A_list_of_messages_carries_no_notice_content_and_is_not_a_content_read()
    {
        var id = "content-list-breach";
        await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Envelope(id, Party.Kz, TimeProvider.System.GetUtcNow(), Case.BreachNotification) });
        var before = Reads(id);

        var page = await _pair.KzNode.Operator.ListMessagesAsync(new ListMessagesRequest { Kind = "BreachNotification" });

        var listed = Assert.Single(page.Messages, m => m.Envelope.Id == id);
        Assert.Equal(Case.None, listed.Envelope.NoticeCase);
        Assert.Equal("BreachNotification", listed.Kind);
        Assert.Equal(Notices.KzCompetentBody, listed.Envelope.SenderBody);
        Assert.Equal(before, Reads(id));
    }

    private async Task ReadOnceAsync(string id, Func<Task> read)
    {
        var before = Reads(id);
        await read();
        Assert.Equal(before + 1, Reads(id));
    }

    private int Reads(string id) =>
        AuditTrail.Entries(_pair.KzSettings).Count(e => e.Kind == "content-read" && e.MessageId == id && e.Actor == Operator);

    private static HttpClient OperatorHttp(NodeSettings node)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node.Own, "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { X509Certificate2.CreateFromPemFile(Path.Combine(node.Own, "kz-operator.crt"), Path.Combine(node.Own, "kz-operator.key")) },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{node.OperatorPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }
}
