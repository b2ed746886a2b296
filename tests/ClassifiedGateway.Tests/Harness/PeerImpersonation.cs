using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Builds relayed notices as the other node would, signed with its key from the test PKI, to call a node's peer service directly.</summary>
internal static class PeerImpersonation
{
    /// <summary>A notice relayed to <paramref name="receiver"/> as its peer would send it, correctly signed.</summary>
    public static RelayedNotice Signed(NodeSettings receiver, Envelope envelope, long sequence, DateTimeOffset acceptedAt)
    {
        var bytes = envelope.ToByteArray();
        using var peer = X509Certificate2.CreateFromPemFile(Path.Combine(receiver.Other, "node.crt"), Path.Combine(receiver.Other, "node.key"));
        return new RelayedNotice
        {
            Sequence = sequence,
            Envelope = ByteString.CopyFrom(bytes),
            AcceptedAt = Timestamp.FromDateTimeOffset(acceptedAt),
            Signature = ByteString.CopyFrom(NodeSignatures.Sign(peer, SignedBytes.Notice(sequence, acceptedAt.ToUnixTimeMilliseconds(), bytes))),
        };
    }

    /// <summary>A status report to <paramref name="receiver"/> as its peer would send it, correctly signed.</summary>
    public static StatusReport SignedStatus(NodeSettings receiver, StatusReport report)
    {
        using var peer = X509Certificate2.CreateFromPemFile(Path.Combine(receiver.Other, "node.crt"), Path.Combine(receiver.Other, "node.key"));
        report.Signature = ByteString.CopyFrom(NodeSignatures.Sign(peer, SignedBytes.Status(report)));
        return report;
    }

    /// <summary>Status reports to <paramref name="receiver"/> as its peer sends them on the relay stream: one signature over the
    /// batch's Merkle root, each report carrying its proof and no signature of its own.</summary>
    public static IReadOnlyList<StatusReport> BatchSignedStatuses(NodeSettings receiver, IReadOnlyList<StatusReport> reports)
    {
        using var peer = X509Certificate2.CreateFromPemFile(Path.Combine(receiver.Other, "node.crt"), Path.Combine(receiver.Other, "node.key"));
        var proofs = BatchProofs.Sign(BatchProofs.Statuses, [.. reports.Select(SignedBytes.Status)], data => NodeSignatures.Sign(peer, data));
        for (var i = 0; i < reports.Count; i++)
        {
            reports[i].Signature = ByteString.Empty;
            reports[i].BatchProof = proofs[i];
        }

        return reports;
    }
}
