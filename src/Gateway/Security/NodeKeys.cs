using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>This node's signatures and its checks of the peer's: notices, receipts, status reports, audit checkpoints.</summary>
public sealed class NodeKeys(CertificateStore certificates)
{
    public byte[] SignNotice(long sequence, DateTimeOffset acceptedAt, byte[] envelope) =>
        NodeSignatures.Sign(certificates.Current.Node, SignedBytes.Notice(sequence, Times.ToUnixMs(acceptedAt), envelope));

    public bool PeerSignedNotice(RelayedNotice notice) =>
        notice.AcceptedAt is not null
        && NodeSignatures.Verify(certificates.Current.PeerNode,
            SignedBytes.Notice(notice.Sequence, SignedBytes.UnixMs(notice.AcceptedAt), notice.Envelope.Span), notice.Signature.Span);

    public Receipt SignReceipt(Receipt receipt)
    {
        var signed = receipt.Clone();
        signed.Signature = Google.Protobuf.ByteString.Empty;
        signed.Signature = Google.Protobuf.ByteString.CopyFrom(NodeSignatures.Sign(certificates.Current.Node, SignedBytes.Receipt(signed)));
        return signed;
    }

    public bool PeerSignedReceipt(Receipt receipt) =>
        NodeSignatures.Verify(certificates.Current.PeerNode, SignedBytes.Receipt(receipt), receipt.Signature.Span);

    public StatusReport SignStatus(StatusReport report)
    {
        report.Signature = Google.Protobuf.ByteString.CopyFrom(NodeSignatures.Sign(certificates.Current.Node, SignedBytes.Status(report)));
        return report;
    }

    public bool PeerSignedStatus(StatusReport report) =>
        NodeSignatures.Verify(certificates.Current.PeerNode, SignedBytes.Status(report), report.Signature.Span);

    public byte[] SignCheckpoint(long headSequence, byte[] headHash, long atMs) =>
        NodeSignatures.Sign(certificates.Current.Node, SignedBytes.Checkpoint(headSequence, headHash, atMs));
}
