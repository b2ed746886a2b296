using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>One signature for a batch: the signer signs the Merkle root of the items' signed bytes (<see cref="SignedBytes"/>),
/// and each item carries its <see cref="BatchProof"/> (place, batch size, audit path, the root's signature).</summary>
public static class BatchProofs
{
    public const string Notices = "notices";

    public const string Receipts = "receipts";

    public const string Statuses = "statuses";

    /// <summary>What is signed: a domain tag, the kind of items, how many, and their root.</summary>
    public static byte[] RootBytes(string kind, long count, ReadOnlySpan<byte> root)
    {
        var w = new SignedBytes.Writer("classified-gateway/batch-root/v1");
        w.Text(kind);
        w.Long(count);
        w.Bytes(root);
        return w.ToArray();
    }

    /// <summary>One proof per item, in order, under one signature made by <paramref name="sign"/>.</summary>
    public static BatchProof[] Sign(string kind, IReadOnlyList<byte[]> items, Func<byte[], byte[]> sign)
    {
        var (root, paths) = MerkleTree.Build([.. items.Select(i => MerkleTree.LeafHash(i))]);
        var signature = ByteString.CopyFrom(sign(RootBytes(kind, items.Count, root)));
        var proofs = new BatchProof[items.Count];
        for (var i = 0; i < proofs.Length; i++)
        {
            proofs[i] = new BatchProof { LeafIndex = (uint)i, LeafCount = (uint)items.Count, RootSignature = signature };
            proofs[i].Path.AddRange(paths[i].Select(ByteString.CopyFrom));
        }

        return proofs;
    }

    /// <summary>The signed bytes of the root <paramref name="item"/> and its proof lead to, or null when the proof is malformed.</summary>
    public static byte[]? SignedRoot(string kind, byte[] item, BatchProof proof)
    {
        var root = MerkleTree.RootFromPath(MerkleTree.LeafHash(item), proof.LeafIndex, proof.LeafCount, [.. proof.Path.Select(p => p.Memory)]);
        return root is null ? null : RootBytes(kind, proof.LeafCount, root);
    }

    /// <summary>Offline: whether <paramref name="signer"/> signed a batch that holds <paramref name="item"/>.</summary>
    public static bool Verify(X509Certificate2 signer, string kind, byte[] item, BatchProof proof) =>
        SignedRoot(kind, item, proof) is { } signed && NodeSignatures.Verify(signer, signed, proof.RootSignature.Span);
}

/// <summary>Remembers the last batch root checked, so a batch's items cost one signature check, not one each.</summary>
public sealed class BatchCheck
{
    private byte[]? _signed;
    private ByteString? _signature;
    private bool _valid;

    public bool Verified(byte[] signedRoot, ByteString signature, Func<byte[], ByteString, bool> verify)
    {
        if (_signed is not null && _signature is not null && _signature.Equals(signature) && _signed.AsSpan().SequenceEqual(signedRoot))
        {
            return _valid;
        }

        _valid = verify(signedRoot, signature);
        _signed = signedRoot;
        _signature = signature;
        return _valid;
    }
}
