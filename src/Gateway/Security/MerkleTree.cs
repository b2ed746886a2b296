using System.Security.Cryptography;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>RFC 9162 Merkle tree hashing (SHA-256; leaf 0x00 || data, node 0x01 || left || right, so a leaf can never pass for
/// a node), the audit path of each leaf, and the root recomputed from one leaf and its path.</summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The most items one batch signature covers (a relay batch's bound) and so the longest path (13 hashes).</summary>
    public const int MaxLeaves = 5_000;

    public const int MaxPath = 13;

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var input = new byte[data.Length + 1];
        data.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    private static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashSize)];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The root over <paramref name="leaves"/> (leaf hashes) and each leaf's audit path, leaf side first.</summary>
    public static (byte[] Root, List<byte[]>[] Paths) Build(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count is 0 or > MaxLeaves)
        {
            throw new ArgumentOutOfRangeException(nameof(leaves), leaves.Count, $"A batch signature covers 1 to {MaxLeaves} items.");
        }

        var paths = new List<byte[]>[leaves.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = new List<byte[]>(MaxPath);
        }

        return (Subtree(leaves, 0, leaves.Count, paths), paths);
    }

    /// <summary>MTH(D[from:from+count]); every leaf under it gets the other side's hash appended to its path on the way up.</summary>
    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int from, int count, List<byte[]>[] paths)
    {
        if (count == 1)
        {
            return leaves[from];
        }

        var split = LargestPowerOfTwoBelow(count);
        var left = Subtree(leaves, from, split, paths);
        var right = Subtree(leaves, from + split, count - split, paths);
        for (var i = from; i < from + split; i++)
        {
            paths[i].Add(right);
        }

        for (var i = from + split; i < from + count; i++)
        {
            paths[i].Add(left);
        }

        return NodeHash(left, right);
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    /// <summary>The root a leaf and its audit path lead to (RFC 9162 section 2.1.3.2), or null when the path cannot be one
    /// of a tree of <paramref name="size"/> leaves (wrong length, a hash not 32 bytes, index out of range).</summary>
    public static byte[]? RootFromPath(byte[] leafHash, long index, long size, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        if (index < 0 || index >= size || size > MaxLeaves || path.Count > MaxPath)
        {
            return null;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p.Span, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }
}
