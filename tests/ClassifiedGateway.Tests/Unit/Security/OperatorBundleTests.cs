using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>The development PKI's browser bundles: two operators and an observer per Party, each .p12 with its key and the CA chain.</summary>
public sealed class OperatorBundleTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("kz", "kz-operator", "operator")]
    [InlineData("kz", "kz-operator-2", "operator")]
    [InlineData("tm", "tm-observer", "observer")]
    public void A_bundle_carries_the_key_and_the_CA_chain(string party, string body, string role)
    {
        DevPki.EnsureCreated(_directory, TimeProvider.System);
        var bundle = X509CertificateLoader.LoadPkcs12CollectionFromFile(Path.Combine(_directory, party, body + ".p12"), DevPki.BrowserBundlePassword);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, party, "ca.crt")));

        Assert.Equal(2, bundle.Count);
        var leaf = Assert.Single(bundle, c => c.HasPrivateKey);
        Assert.Equal($"urn:classified-gateway:{party.ToUpperInvariant()}:{role}:{body}", CallerIdentity.From(leaf)!.Uri);
        var chainCa = Assert.Single(bundle, c => !c.HasPrivateKey);
        Assert.Equal(ca.Thumbprint, chainCa.Thumbprint);
        Assert.Equal(chainCa.Subject, leaf.Issuer);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
