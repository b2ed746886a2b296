using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Which listener a connection arrived on.</summary>
public enum ListenerKind
{
    Local = 1,
    Peer = 2,
    Operator = 3,
}

/// <summary>Decides, at the TLS handshake, whether a certificate may connect at all. Authorization of each call comes later.</summary>
/// <remarks>Judged on the real clock (<see cref="Time.RealClock"/>), never the movable development clock.</remarks>
public sealed class CertificateValidator(CertificateStore store, Time.RealClock time)
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Local and operator listeners: this Party's CA-issued client certificates, and the pinned peer node
    /// (so that a peer calling the wrong service is refused per call, with an audit entry). The peer listener: only the pinned peer node.</summary>
    public bool AcceptsClient(ListenerKind listener, X509Certificate2? certificate, Party localParty)
    {
        if (certificate is null || CallerIdentity.From(certificate) is not { } identity)
        {
            return false;
        }

        var certs = store.Current;
        if (IsPinnedPeer(certs, certificate, identity, localParty))
        {
            return true;
        }

        return listener != ListenerKind.Peer
            && identity.Party == localParty
            && identity.Role != CallerRole.Node
            && Chains(certificate, certs.PartyCa, ClientAuth);
    }

    /// <summary>The other node's server certificate, when this node dials it.</summary>
    public bool AcceptsPeerServer(X509Certificate2? certificate, Party localParty)
    {
        var certs = store.Current;
        return certificate is not null
            && CryptographicOperations.FixedTimeEquals(Pins.Of(certificate), certs.PeerPin)
            && Chains(certificate, certs.PeerCa, ServerAuth)
            && CallerIdentity.From(certificate) is { Role: CallerRole.Node } identity
            && identity.Party != localParty;
    }

    private bool IsPinnedPeer(CertificateStore.Snapshot certs, X509Certificate2 certificate, CallerIdentity identity, Party localParty) =>
        identity.Role == CallerRole.Node
        && identity.Party != localParty
        && CryptographicOperations.FixedTimeEquals(Pins.Of(certificate), certs.PeerPin)
        && Chains(certificate, certs.PeerCa, ClientAuth);

    private bool Chains(X509Certificate2 certificate, X509Certificate2 root, string usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(certificate);
    }
}
