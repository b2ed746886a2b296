using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The node's certificates, read from their files and read again when a file changes (rotation without downtime:
/// new handshakes use the new files; established connections keep theirs).</summary>
public sealed partial class CertificateStore(IOptions<TlsOptions> options, ILogger<CertificateStore> logger)
{
    private readonly Lock _gate = new();
    private Snapshot? _current;

    /// <summary>The certificates as last loaded: no file access, since handshakes and every signature read this.</summary>
    public Snapshot Current => Volatile.Read(ref _current) ?? Load();

    /// <summary>Reads the files again if any changed since the last load; returns true when the certificates changed.
    /// The certificate monitor calls this at its interval.</summary>
    public bool Refresh()
    {
        var before = Volatile.Read(ref _current);
        return !ReferenceEquals(before, Load());
    }

    private Snapshot Load()
    {
        lock (_gate)
        {
            var stamp = Stamp();
            if (_current is null || _current.Stamp != stamp)
            {
                var loaded = Load(stamp);
                if (_current is not null)
                {
                    LogReloaded(logger, loaded.Node.Thumbprint);
                }

                Volatile.Write(ref _current, loaded);
            }

            return _current;
        }
    }

    private string Stamp()
    {
        var o = options.Value;
        return string.Join("|", new[] { o.NodeCertificate, o.NodeKey, o.PartyCa, o.PeerCa, o.PeerNodeCertificate }
            .Select(p => File.GetLastWriteTimeUtc(p).Ticks + ":" + new FileInfo(p).Length));
    }

    private Snapshot Load(string stamp)
    {
        var o = options.Value;
        var node = X509Certificate2.CreateFromPemFile(o.NodeCertificate, o.NodeKey);
        return new Snapshot(stamp, node, LoadPem(o.PartyCa), LoadPem(o.PeerCa), LoadPem(o.PeerNodeCertificate));
    }

    private static X509Certificate2 LoadPem(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Certificate files changed; new handshakes use node certificate {Thumbprint}")]
    private static partial void LogReloaded(ILogger logger, string thumbprint);

    /// <summary>One consistent set of certificates.</summary>
    public sealed record Snapshot(string Stamp, X509Certificate2 Node, X509Certificate2 PartyCa, X509Certificate2 PeerCa, X509Certificate2 PeerNode)
    {
        /// <summary>SHA-256 of the peer node's SubjectPublicKeyInfo: the pin.</summary>
        public byte[] PeerPin { get; } = Pins.Of(PeerNode);
    }
}

/// <summary>Public-key pins: SHA-256 over the SubjectPublicKeyInfo.</summary>
public static class Pins
{
    public static byte[] Of(X509Certificate2 certificate) => SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());
}
