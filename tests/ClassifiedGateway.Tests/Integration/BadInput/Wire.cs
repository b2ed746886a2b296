using System.Buffers.Binary;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>Hand-built gRPC frames and protobuf bytes.</summary>
internal static class Wire
{
    /// <summary>A gRPC frame: compressed flag, 4-byte big-endian length (the real one unless given), payload.</summary>
    public static byte[] Frame(byte[] payload, byte flag = 0, uint? announced = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), announced ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    /// <summary>A length-delimited field (wire type 2) holding raw bytes, e.g. a string that is not UTF-8.</summary>
    public static byte[] Field(int number, byte[] payload) => [.. Varint(((ulong)number << 3) | 2), .. Varint((ulong)payload.Length), .. payload];

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>Bytes that are not UTF-8 (an overlong encoding and a lone continuation byte).</summary>
    public static readonly byte[] NotUtf8 = [0x61, 0xC0, 0xAF, 0x80, 0x62];

    /// <summary><paramref name="message"/> followed by one more occurrence of string field <paramref name="number"/> carrying bytes
    /// that are not UTF-8 (the last occurrence wins, so the parser must decode it).</summary>
    public static byte[] WithBadString(IMessage message, int number) => [.. message.ToByteArray(), .. Field(number, NotUtf8)];

    /// <summary>Text where protobuf bytes belong.</summary>
    public static readonly byte[] Garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray();

    /// <summary>Field 1 announces 5 bytes, 2 follow.</summary>
    public static readonly byte[] TruncatedMessage = [0x0A, 0x05, 0x61, 0x62];

    /// <summary>A varint whose continuation bit promises a byte that never comes.</summary>
    public static readonly byte[] TruncatedVarint = [0x08, 0x80];

    /// <summary>Tag with field number 0.</summary>
    public static readonly byte[] FieldZero = [0x00, 0x01];

    /// <summary>Field 1 with wire type 7 (undefined).</summary>
    public static readonly byte[] WireType7 = [0x0F, 0x00];

    /// <summary>An end-group tag (field 1, wire type 4) with no group open.</summary>
    public static readonly byte[] StrayEndGroup = [0x0C];

    /// <summary>A 2 GB length on a length-delimited field in a 4-byte message.</summary>
    public static readonly byte[] LengthBeyondEnd = [0x0A, 0xFF, 0xFF, 0xFF, 0x07];

    /// <summary>200 nested groups of unknown field 15.</summary>
    public static byte[] NestedGroups(int depth) => [.. Enumerable.Repeat((byte)0x7B, depth), .. Enumerable.Repeat((byte)0x7C, depth)];
}
