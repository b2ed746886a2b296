using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>This node's signatures and its checks of the peer's: notices, receipts, status reports, audit checkpoints.</summary>
/// <remarks>The ECDSA keys are taken from the certificates once per certificate set, not once per signature (extracting them
/// was about a third of all CPU); a rotation (a new <see cref="CertificateStore.Snapshot"/>) loads the new keys on first use.</remarks>
public sealed class NodeKeys(CertificateStore certificates)
{
    private LoadedKeys? _keys;

    public byte[] SignNotice(long sequence, DateTimeOffset acceptedAt, byte[] envelope) =>
        Keys.Sign(SignedBytes.Notice(sequence, Times.ToUnixMs(acceptedAt), envelope));

    /// <summary>Whether the peer signed the notice: alone, or in its batch (<paramref name="seen"/> spares the root's check for
    /// the batch's other notices).</summary>
    public bool PeerSignedNotice(RelayedNotice notice, BatchCheck? seen = null)
    {
        if (notice.AcceptedAt is null)
        {
            return false;
        }

        var signed = SignedBytes.Notice(notice.Sequence, SignedBytes.UnixMs(notice.AcceptedAt), notice.Envelope.Span);
        return notice.BatchProof is { } proof
            ? PeerSignedInBatch(BatchProofs.Notices, signed, proof, seen ?? new BatchCheck())
            : Keys.PeerVerify(signed, notice.Signature.Span);
    }

    /// <summary>One proof per item (their <see cref="SignedBytes"/>), in order, under one signature by this node.</summary>
    public BatchProof[] SignBatch(string kind, IReadOnlyList<byte[]> items) => BatchProofs.Sign(kind, items, Keys.Sign);

    private bool PeerSignedInBatch(string kind, byte[] item, BatchProof proof, BatchCheck seen) =>
        BatchProofs.SignedRoot(kind, item, proof) is { } root
        && seen.Verified(root, proof.RootSignature, (data, signature) => Keys.PeerVerify(data, signature.Span));

    public Receipt SignReceipt(Receipt receipt)
    {
        var signed = receipt.Clone();
        signed.Signature = Google.Protobuf.ByteString.Empty;
        signed.Signature = Google.Protobuf.ByteString.CopyFrom(Keys.Sign(SignedBytes.Receipt(signed)));
        return signed;
    }

    public bool PeerSignedReceipt(Receipt receipt, BatchCheck? seen = null) =>
        receipt.BatchProof is { } proof
            ? PeerSignedInBatch(BatchProofs.Receipts, SignedBytes.Receipt(receipt), proof, seen ?? new BatchCheck())
            : Keys.PeerVerify(SignedBytes.Receipt(receipt), receipt.Signature.Span);

    /// <summary>The receipts signed once, over their batch's root, each carrying its proof.</summary>
    public IReadOnlyList<Receipt> SignReceiptBatch(IReadOnlyList<Receipt> receipts) =>
        WithBatchProofs(BatchProofs.Receipts, [.. receipts.Select(r => r.Clone())], SignedBytes.Receipt, (r, proof) =>
        {
            r.Signature = Google.Protobuf.ByteString.Empty;
            r.BatchProof = proof;
        });

    public StatusReport SignStatus(StatusReport report)
    {
        report.Signature = Google.Protobuf.ByteString.CopyFrom(Keys.Sign(SignedBytes.Status(report)));
        return report;
    }

    /// <summary>The reports signed once, over their batch's root: each gets its proof and no signature of its own.</summary>
    public IReadOnlyList<StatusReport> SignStatusBatch(IReadOnlyList<StatusReport> reports) =>
        WithBatchProofs(BatchProofs.Statuses, reports, SignedBytes.Status, (r, proof) =>
        {
            r.Signature = Google.Protobuf.ByteString.Empty;
            r.BatchProof = proof;
        });

    /// <summary>Signs the items' root once and gives each item its proof (<paramref name="attach"/>), in place.</summary>
    private IReadOnlyList<T> WithBatchProofs<T>(string kind, IReadOnlyList<T> items, Func<T, byte[]> signedBytes, Action<T, BatchProof> attach)
    {
        var proofs = SignBatch(kind, [.. items.Select(signedBytes)]);
        for (var i = 0; i < items.Count; i++)
        {
            attach(items[i], proofs[i]);
        }

        return items;
    }

    /// <summary>Whether the peer signed the report: alone (an older node, the unary call), or in its batch (<paramref name="seen"/>
    /// spares the root's check for the batch's other reports).</summary>
    public bool PeerSignedStatus(StatusReport report, BatchCheck? seen = null) =>
        report.BatchProof is { } proof
            ? PeerSignedInBatch(BatchProofs.Statuses, SignedBytes.Status(report), proof, seen ?? new BatchCheck())
            : Keys.PeerVerify(SignedBytes.Status(report), report.Signature.Span);

    public byte[] SignCheckpoint(long headSequence, byte[] headHash, long atMs) =>
        Keys.Sign(SignedBytes.Checkpoint(headSequence, headHash, atMs));

    /// <summary>Signs arbitrary signed bytes (a batch root) with this node's key.</summary>
    public byte[] Sign(byte[] data) => Keys.Sign(data);

    /// <summary>Whether the peer node's key signed <paramref name="data"/>.</summary>
    public bool PeerSigned(byte[] data, ReadOnlySpan<byte> signature) => Keys.PeerVerify(data, signature);

    /// <summary>The keys of the current certificate set, loaded again only when the set changed.</summary>
    private LoadedKeys Keys
    {
        get
        {
            var current = certificates.Current;
            var keys = Volatile.Read(ref _keys);
            if (keys is null || !ReferenceEquals(keys.Source, current))
            {
                // Replaced, not disposed: a signature in progress on another thread may still hold the old one.
                keys = new LoadedKeys(current);
                Volatile.Write(ref _keys, keys);
            }

            return keys;
        }
    }

    /// <summary>One certificate set's private and peer public keys. OpenSSL-backed keys are used under a lock each: the
    /// platform does not promise that one key object may sign on two threads at once.</summary>
    private sealed class LoadedKeys(CertificateStore.Snapshot source)
    {
        private readonly ECDsa _own = source.Node.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The node certificate has no ECDSA private key.");
        private readonly ECDsa? _peer = source.PeerNode.GetECDsaPublicKey();
        private readonly Lock _ownGate = new();
        private readonly Lock _peerGate = new();

        public CertificateStore.Snapshot Source { get; } = source;

        public byte[] Sign(byte[] data)
        {
            lock (_ownGate)
            {
                return _own.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
        }

        public bool PeerVerify(byte[] data, ReadOnlySpan<byte> signature)
        {
            if (signature.Length == 0 || _peer is null)
            {
                return false;
            }

            lock (_peerGate)
            {
                return _peer.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
        }
    }
}
