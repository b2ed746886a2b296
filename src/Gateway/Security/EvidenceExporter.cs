using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>One message's evidence as this node exports it (to operators over gRPC and from the dashboard).</summary>
public sealed class EvidenceExporter(IGatewayStore store, CertificateStore certificates, IOptions<GatewayOptions> options)
{
    /// <summary>The evidence, or null when the node holds no such message.</summary>
    public async Task<Evidence?> ExportAsync(string messageKey, CancellationToken cancellationToken)
    {
        if (await store.GetEvidenceAsync(messageKey, cancellationToken) is not { } stored)
        {
            return null;
        }

        var certs = certificates.Current;
        return EvidenceVerifier.Build(stored, options.Value.LocalParty, certs.Node, certs.PeerNode);
    }
}
