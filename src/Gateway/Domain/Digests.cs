using System.Security.Cryptography;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>Content digests used for idempotency and receipts.</summary>
public static class Digests
{
    public static byte[] Sha256(ReadOnlySpan<byte> bytes) => SHA256.HashData(bytes);
}
