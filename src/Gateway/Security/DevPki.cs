using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Creates a development PKI with .NET's own crypto: a CA per Party, a node certificate per node, and client
/// certificates for the competent body, two authorized bodies, two operators (four eyes) and an observer. Never for production.</summary>
public static class DevPki
{
    /// <summary>Password of the development operators' PKCS#12 bundles (development only).</summary>
    public const string BrowserBundlePassword = "development";

    /// <summary>The bodies each Party's development PKI issues client certificates for.</summary>
    public static IReadOnlyList<CallerIdentity> ClientsOf(Party party)
    {
        var p = PartyCodes.Code(party).ToLowerInvariant();
        return
        [
            new(party, CallerRole.CompetentBody, party == Party.Kz ? "kz-knb" : "tm-mns"),
            new(party, CallerRole.AuthorizedBody, $"{p}-ab-1"),
            new(party, CallerRole.AuthorizedBody, $"{p}-ab-2"),
            new(party, CallerRole.Operator, $"{p}-operator"),
            new(party, CallerRole.Operator, $"{p}-operator-2"),
            new(party, CallerRole.Observer, $"{p}-observer"),
        ];
    }

    /// <summary>Writes the PKI under <paramref name="directory"/> (kz/, tm/) unless it is already there. Returns true when it created it.</summary>
    /// <param name="nodeDnsNames">Extra DNS SANs per Party's node certificate (e.g. compose service names), beside localhost.</param>
    public static bool EnsureCreated(string directory, TimeProvider time, IReadOnlyDictionary<Party, IReadOnlyList<string>>? nodeDnsNames = null)
    {
        if (File.Exists(Path.Combine(directory, "tm", "node.crt")))
        {
            return false;
        }

        var now = time.GetUtcNow();
        foreach (var party in new[] { Party.Kz, Party.Tm })
        {
            var folder = Path.Combine(directory, PartyCodes.Code(party).ToLowerInvariant());
            Directory.CreateDirectory(folder);
            using var ca = CreateCa($"ClassifiedGateway development CA {PartyCodes.Code(party)}", now.AddYears(-1), now.AddYears(10));
            Save(ca, Path.Combine(folder, "ca"));
            using var node = Issue(ca, new CallerIdentity(party, CallerRole.Node, $"node-{PartyCodes.Code(party).ToLowerInvariant()}"), now.AddDays(-1), now.AddYears(5),
                server: true, client: true, dnsNames: nodeDnsNames?.GetValueOrDefault(party));
            Save(node, Path.Combine(folder, "node"));
            foreach (var identity in ClientsOf(party))
            {
                using var cert = Issue(ca, identity, now.AddDays(-1), now.AddYears(5), server: false, client: true);
                Save(cert, Path.Combine(folder, identity.Body));
                if (identity.Role is CallerRole.Operator or CallerRole.Observer)
                {
                    // Browsers import a PKCS#12 file: the operator's way into the dashboard. It carries the Party's CA too, so the
                    // browser can show and send the whole chain.
                    File.WriteAllBytes(Path.Combine(folder, identity.Body + ".p12"), BrowserBundle(cert, ca));
                }
            }
        }

        return true;
    }

    /// <summary>A PKCS#12 bundle of <paramref name="certificate"/> with its key and the CA that issued it (the chain, without the CA's key).</summary>
    public static byte[] BrowserBundle(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var publicCa = X509CertificateLoader.LoadCertificate(ca.RawData);
        return new X509Certificate2Collection { certificate, publicCa }.Export(X509ContentType.Pkcs12, BrowserBundlePassword)!;
    }

    public static X509Certificate2 CreateCa(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>Issues a certificate naming <paramref name="identity"/> in a URI SAN (plus localhost/127.0.0.1 for servers).</summary>
    /// <param name="key">The subject's key; a new P-256 key when null (pass the old one to renew a certificate without changing its pin).</param>
    /// <param name="dnsNames">More DNS SANs for a server certificate (checked host names; see Cli/DnsNameList).</param>
    public static X509Certificate2 Issue(X509Certificate2 issuer, CallerIdentity identity, DateTimeOffset notBefore, DateTimeOffset notAfter,
        bool server, bool client, ECDsa? key = null, IReadOnlyList<string>? dnsNames = null)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={identity.Body}, OU={CallerIdentity.RoleName(identity.Role)}, O={PartyCodes.Code(identity.Party)}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(identity.Uri));
        if (server)
        {
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            foreach (var name in dnsNames ?? [])
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection();
        if (server)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (client)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(issuer, notBefore, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate that is its own issuer, naming <paramref name="identity"/> (for tests of what must be refused).</summary>
    public static X509Certificate2 SelfSigned(CallerIdentity identity, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={identity.Body}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(identity.Uri));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>Loads a CA with its private key from NAME.crt and NAME.key.</summary>
    public static X509Certificate2 LoadWithKey(string pathWithoutExtension) =>
        X509Certificate2.CreateFromPemFile(pathWithoutExtension + ".crt", pathWithoutExtension + ".key");

    /// <summary>Writes NAME.crt and NAME.key (PKCS#8 PEM; readable by the owner only).</summary>
    public static void Save(X509Certificate2 certificate, string pathWithoutExtension)
    {
        File.WriteAllText(pathWithoutExtension + ".crt", certificate.ExportCertificatePem());
        var keyPath = pathWithoutExtension + ".key";
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
