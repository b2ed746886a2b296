using System.Security.Cryptography;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>One audit entry as it is hashed into the chain.</summary>
public sealed record AuditEntry(long Sequence, long AtMs, string Kind, string MessageId, string Actor, string Detail, byte[] PreviousHash, byte[] Hash);

/// <summary>The audit chain's hash: each entry's hash covers the previous entry's hash and every field of the entry.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    public static byte[] Compute(byte[] previousHash, long sequence, long atMs, string kind, string messageId, string actor, string detail)
    {
        var writer = new SignedBytes.Writer("classified-gateway/audit/v1");
        writer.Bytes(previousHash);
        writer.Long(sequence);
        writer.Long(atMs);
        writer.Text(kind);
        writer.Text(messageId);
        writer.Text(actor);
        writer.Text(detail);
        return SHA256.HashData(writer.ToArray());
    }

    public static bool IsIntact(AuditEntry e) =>
        CryptographicOperations.FixedTimeEquals(e.Hash, Compute(e.PreviousHash, e.Sequence, e.AtMs, e.Kind, e.MessageId, e.Actor, e.Detail));
}
