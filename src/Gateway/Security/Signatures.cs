using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>What the nodes sign, as exact bytes: a domain tag, then length-prefixed fields. Notices are signed over the
/// envelope bytes as accepted, so nothing is re-serialized before verifying.</summary>
public static class SignedBytes
{
    public static byte[] Notice(long sequence, long acceptedAtMs, ReadOnlySpan<byte> envelope)
    {
        var w = new Writer("classified-gateway/notice/v1");
        w.Long(sequence);
        w.Long(acceptedAtMs);
        w.Bytes(envelope);
        return w.ToArray();
    }

    public static byte[] Receipt(Receipt r)
    {
        var w = new Writer("classified-gateway/receipt/v1");
        w.Text(r.MessageId);
        w.Long((long)r.Status);
        w.Long(UnixMs(r.StoredAt));
        w.Bytes(r.EnvelopeDigest.Span);
        w.Text(r.Refusal?.RuleId ?? "");
        w.Text(r.Refusal?.Message ?? "");
        return w.ToArray();
    }

    public static byte[] Status(StatusReport s)
    {
        var w = new Writer("classified-gateway/status/v1");
        w.Long(s.Sequence);
        w.Text(s.MessageId);
        w.Long((long)s.Stage);
        w.Long(UnixMs(s.At));
        w.Text(s.ByBody);
        w.Text(s.SenderBody);
        return w.ToArray();
    }

    public static byte[] Checkpoint(long headSequence, ReadOnlySpan<byte> headHash, long atMs)
    {
        var w = new Writer("classified-gateway/audit-checkpoint/v1");
        w.Long(headSequence);
        w.Bytes(headHash);
        w.Long(atMs);
        return w.ToArray();
    }

    /// <summary>Length-prefixed, big-endian fields after a domain tag: no two different field lists give the same bytes.</summary>
    /// <summary>A signed instant as Unix ms: 0 when absent, and a value no real instant has when out of range (never a throw
    /// on the other node's bytes).</summary>
    public static long UnixMs(Google.Protobuf.WellKnownTypes.Timestamp? value) =>
        value is null ? 0 : WireTimes.TryToDateTimeOffset(value, out var at) ? at.ToUnixTimeMilliseconds() : long.MinValue;

    internal sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public Writer(string tag) => Text(tag);

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
            _buffer.Advance(8);
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Long(value.Length);
            _buffer.Write(value);
        }

        public void Text(string value) => Bytes(Encoding.UTF8.GetBytes(value));

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }
}

/// <summary>ECDSA P-256 / SHA-256 signatures (IEEE P1363 form) with a node's key.</summary>
public static class NodeSignatures
{
    public static byte[] Sign(X509Certificate2 node, byte[] data)
    {
        using var key = node.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The node certificate has no ECDSA private key.");
        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static bool Verify(X509Certificate2 signer, byte[] data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length == 0)
        {
            return false;
        }

        using var key = signer.GetECDsaPublicKey();
        return key is not null && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
