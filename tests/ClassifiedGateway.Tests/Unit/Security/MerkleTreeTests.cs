using System.Security.Cryptography;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>RFC 9162 trees: the root matches the RFC's recursive definition, every leaf's path leads to it, and nothing else does.</summary>
public sealed class MerkleTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(5_000)]
    public void Every_leaf_s_path_leads_to_the_root_of_the_RFC_definition(int size)
    {
        var leaves = Leaves(size);
        var (root, paths) = MerkleTree.Build(leaves);
        Assert.Equal(Mth(leaves), root);
        for (var i = 0; i < size; i++)
        {
            Assert.True(paths[i].Count <= MerkleTree.MaxPath);
            Assert.Equal(root, MerkleTree.RootFromPath(leaves[i], i, size, Path(paths[i])));
        }
    }

    [Fact]
    public void A_changed_leaf_another_index_or_a_changed_path_leads_elsewhere()
    {
        var leaves = Leaves(11);
        var (root, paths) = MerkleTree.Build(leaves);
        var changed = (byte[])leaves[4].Clone();
        changed[0] ^= 1;
        Assert.NotEqual(root, MerkleTree.RootFromPath(changed, 4, 11, Path(paths[4])));
        Assert.NotEqual(root, MerkleTree.RootFromPath(leaves[4], 5, 11, Path(paths[4])));
        Assert.NotEqual(root, MerkleTree.RootFromPath(leaves[4], 4, 5, Path(paths[4])));
        // Another size can lead to the same root (4 of 11 and 4 of 12 share a path): the size is bound by the root's
        // signature instead (BatchProofs.RootBytes; BatchEvidenceTests).
        var longer = Path(paths[4]).Append(new byte[32]).ToList();
        Assert.Null(MerkleTree.RootFromPath(leaves[4], 4, 11, longer));
        Assert.Null(MerkleTree.RootFromPath(leaves[4], 4, 11, [.. Path(paths[4]).Select(p => p[..31])]));
        Assert.Null(MerkleTree.RootFromPath(leaves[4], 11, 11, Path(paths[4])));
        Assert.Null(MerkleTree.RootFromPath(leaves[4], -1, 11, Path(paths[4])));
    }

    [Fact]
    public void An_inner_node_cannot_pass_for_a_leaf()
    {
        // Leaves and nodes are hashed under different prefixes: the two children of the root, concatenated, are not a leaf.
        var leaves = Leaves(2);
        var (root, _) = MerkleTree.Build(leaves);
        var asLeaf = MerkleTree.LeafHash([.. leaves[0], .. leaves[1]]);
        Assert.NotEqual(root, MerkleTree.RootFromPath(asLeaf, 0, 1, []));
    }

    private static List<byte[]> Leaves(int n) => [.. Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i)))];

    private static List<ReadOnlyMemory<byte>> Path(List<byte[]> path) => [.. path.Select(p => new ReadOnlyMemory<byte>(p))];

    /// <summary>RFC 9162 section 2.1.1, written out as the RFC states it.</summary>
    private static byte[] Mth(List<byte[]> d)
    {
        if (d.Count == 1)
        {
            return d[0];
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return SHA256.HashData([1, .. Mth([.. d.Take(k)]), .. Mth([.. d.Skip(k)])]);
    }
}
