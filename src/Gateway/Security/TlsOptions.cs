using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The node's certificates. Every listener requires a client certificate; there is no plaintext mode.</summary>
public sealed class TlsOptions
{
    public const string SectionName = "Gateway:Tls";

    /// <summary>This node's certificate (PEM) naming it as urn:classified-gateway:{party}:node:{id}; also its client certificate towards the peer.</summary>
    [Required]
    public string NodeCertificate { get; set; } = "";

    /// <summary>This node's private key (PKCS#8 PEM); also signs relayed notices, receipts and audit checkpoints.</summary>
    [Required]
    public string NodeKey { get; set; } = "";

    /// <summary>This Party's CA (PEM): the only issuer accepted for local systems and operators.</summary>
    [Required]
    public string PartyCa { get; set; } = "";

    /// <summary>The other Party's CA (PEM).</summary>
    [Required]
    public string PeerCa { get; set; } = "";

    /// <summary>The other node's certificate (PEM): pinned by its public key, and the key its signatures are checked with.</summary>
    [Required]
    public string PeerNodeCertificate { get; set; } = "";

    /// <summary>How often the node looks for changed certificate files and nearing expiry.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Certificates expiring within this window are reported to operators.</summary>
    /// <value>Default 30 days.</value>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(30);
}
