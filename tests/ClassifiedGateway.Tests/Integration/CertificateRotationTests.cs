using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>A renewed node certificate is picked up from its files without a restart.</summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task New_certificate_files_are_served_to_new_connections_and_audited_without_a_restart()
    {
        await using var pair = await NodePair.StartAsync();
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
        var own = pair.KzSettings.Own;
        var before = await ServedSerialAsync(pair.KzSettings);
        using (var original = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(own, "node.crt"))))
        {
            // Before the rotation the node serves the certificate in its file.
            Assert.Equal(original.SerialNumber, before);
        }

        // Renew KZ's node certificate with the same key (so TM's pin still holds), as an operator would: replace the file.
        using var ca = DevPki.LoadWithKey(Path.Combine(own, "ca"));
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(own, "node.key")));
        var now = TimeProvider.System.GetUtcNow();
        using var renewed = DevPki.Issue(ca, new CallerIdentity(Party.Kz, CallerRole.Node, "node-kz"), now.AddDays(-1), now.AddYears(3), server: true, client: true, key);
        await File.WriteAllTextAsync(Path.Combine(own, "node.crt"), renewed.ExportCertificatePem());

        await Eventually.TrueAsync(async () => await ServedSerialAsync(pair.KzSettings) == renewed.SerialNumber, TimeSpan.FromSeconds(30), pair.Logs);
        await Eventually.TrueAsync(() => Task.FromResult(AuditTrail.Entries(pair.KzSettings).Any(e => e.Kind == "certificates-changed")), TimeSpan.FromSeconds(30), pair.Logs);
        // The audit entry names the certificate now in use.
        var changed = Assert.Single(AuditTrail.Entries(pair.KzSettings), e => e.Kind == "certificates-changed");
        Assert.Contains($"node {renewed.Thumbprint},", changed.Detail, StringComparison.Ordinal);

        // The node keeps relaying and signing with it.
        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("after-rotation", Party.Kz, TimeProvider.System.GetUtcNow()) });
        await Eventually.TrueAsync(async () => (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "after-rotation" })).Message.Stage == Stage.Acknowledged,
            TimeSpan.FromSeconds(30), pair.Logs);
    }

    /// <summary>The serial number of the certificate the node presents to a new TLS connection.</summary>
    private static async Task<string> ServedSerialAsync(NodeSettings node)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", node.OperatorPort);
        await using var tls = new SslStream(tcp.GetStream());
        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(node.Own, "ca.crt")));
        string serial = "";
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [X509Certificate2.CreateFromPemFile(Path.Combine(node.Own, "kz-operator.crt"), Path.Combine(node.Own, "kz-operator.key"))],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                serial = (certificate as X509Certificate2)?.SerialNumber ?? "";
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is X509Certificate2 server && chain.Build(server);
            },
        });
        return serial;
    }
}
