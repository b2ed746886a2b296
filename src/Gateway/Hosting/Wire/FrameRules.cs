using Grpc.Core;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>What one call's request frames must look like: how many, how large, compressed only with a named encoding.</summary>
internal sealed record FrameRules(bool SingleMessage, int MaxMessageBytes, string? Encoding)
{
    public RpcException? Refuse(byte compressedFlag, uint length)
    {
        if (compressedFlag > 1)
        {
            return FrameErrors.BadFlag(compressedFlag);
        }

        if (length > (uint)MaxMessageBytes)
        {
            return FrameErrors.TooLarge(length, MaxMessageBytes);
        }

        if (compressedFlag == 0)
        {
            return null;
        }

        // Decompression would run before any size check (a small gzip bomb is hundreds of MB), and no client of ours
        // compresses: a compressed frame is refused, with INVALID_ARGUMENT when it does not even name its encoding.
        return string.IsNullOrEmpty(Encoding) || string.Equals(Encoding, "identity", StringComparison.OrdinalIgnoreCase)
            ? FrameErrors.CompressedWithoutEncoding()
            : FrameErrors.CompressionUnsupported();
    }
}
