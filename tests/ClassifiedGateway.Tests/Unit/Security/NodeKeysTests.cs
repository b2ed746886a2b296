using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>Keys are loaded once per certificate set, and a rotated set is used from the next signature on.</summary>
public sealed class NodeKeysTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nodekeys-").FullName;
    private readonly X509Certificate2 _kzCa;
    private readonly X509Certificate2 _tmCa;
    private readonly DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public NodeKeysTests()
    {
        _kzCa = DevPki.CreateCa("kz-ca", _now.AddDays(-1), _now.AddYears(5));
        _tmCa = DevPki.CreateCa("tm-ca", _now.AddDays(-1), _now.AddYears(5));
        Issue("kz-node", _kzCa, Party.Kz);
        Issue("tm-node", _tmCa, Party.Tm);
        DevPki.Save(_kzCa, Path.Combine(_dir, "kz-ca"));
        DevPki.Save(_tmCa, Path.Combine(_dir, "tm-ca"));
    }

    [Fact]
    public void Signatures_verify_on_the_other_node_before_and_after_a_rotation_to_a_new_key()
    {
        var kz = Keys("kz-node", "kz-ca", "tm-ca", "tm-node");
        var tm = Keys("tm-node", "tm-ca", "kz-ca", "kz-node");
        var data = "batch root"u8.ToArray();
        var before = kz.Sign(data);
        Assert.True(tm.PeerSigned(data, before));
        Assert.True(tm.PeerSigned(data, kz.Sign(data)));

        // KZ's certificate and key are replaced (a new key: a real re-key), and TM is given the new certificate.
        Issue("kz-node", _kzCa, Party.Kz);
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "kz-node.crt"), TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "kz-node.key"), TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));
        Assert.True(_stores["kz-node"].Refresh());
        var after = kz.Sign(data);
        Assert.False(tm.PeerSigned(data, after)); // TM has not reloaded: it still trusts the old key only.
        Assert.True(tm.PeerSigned(data, before));

        // TM's store is refreshed when the certificate monitor notices; the cached peer key follows.
        Assert.True(_stores["tm-node"].Refresh());
        Assert.True(tm.PeerSigned(data, after));
        Assert.False(tm.PeerSigned(data, before));
    }

    [Fact]
    public void A_tampered_batch_root_or_an_empty_signature_does_not_verify()
    {
        var kz = Keys("kz-node", "kz-ca", "tm-ca", "tm-node");
        var tm = Keys("tm-node", "tm-ca", "kz-ca", "kz-node");
        var signature = kz.Sign([1, 2, 3]);
        Assert.False(tm.PeerSigned([1, 2, 4], signature));
        Assert.False(tm.PeerSigned([1, 2, 3], []));
        Assert.False(kz.PeerSigned([1, 2, 3], signature)); // KZ's own signature is not the peer's.
    }

    private readonly Dictionary<string, CertificateStore> _stores = [];

    private NodeKeys Keys(string node, string partyCa, string peerCa, string peerNode)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new TlsOptions
        {
            NodeCertificate = Path.Combine(_dir, node + ".crt"),
            NodeKey = Path.Combine(_dir, node + ".key"),
            PartyCa = Path.Combine(_dir, partyCa + ".crt"),
            PeerCa = Path.Combine(_dir, peerCa + ".crt"),
            PeerNodeCertificate = Path.Combine(_dir, peerNode + ".crt"),
        });
        var store = new CertificateStore(options, NullLogger<CertificateStore>.Instance);
        _stores[node] = store;
        return new NodeKeys(store);
    }

    private void Issue(string name, X509Certificate2 ca, Party party)
    {
        using var issued = DevPki.Issue(ca, new CallerIdentity(party, CallerRole.Node, name), _now.AddDays(-1), _now.AddYears(3), server: true, client: true);
        DevPki.Save(issued, Path.Combine(_dir, name));
    }

    public void Dispose()
    {
        _kzCa.Dispose();
        _tmCa.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
