using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>Reads a gRPC request body through to grpc-dotnet while checking its length-prefixed frames as they arrive.</summary>
/// <remarks>Only the 5-byte headers are looked at; payload bytes pass through untouched. Offsets are absolute (bytes since the
/// body began), so the check works however the consumer slices, advances or re-reads the buffer.</remarks>
internal sealed class FramingPipeReader(PipeReader inner, FrameRules rules) : PipeReader
{
    private const int HeaderSize = 5;
    private ReadOnlySequence<byte> _buffer;
    private long _bufferStart;
    private long _nextHeader;
    private int _frames;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        Inspect(await inner.ReadAsync(cancellationToken));

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        result = Inspect(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        _bufferStart += _buffer.Slice(0, consumed).Length;
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _bufferStart += _buffer.Slice(0, consumed).Length;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private ReadResult Inspect(ReadResult result)
    {
        _buffer = result.Buffer;
        var end = _bufferStart + result.Buffer.Length;
        var refusal = Check(result.Buffer, end, result.IsCompleted);
        if (refusal is not null)
        {
            // Give the bytes back before refusing, so the body can be drained and the stream closed cleanly.
            inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            throw refusal;
        }

        return result;
    }

    private RpcException? Check(ReadOnlySequence<byte> buffer, long end, bool completed)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        while (_nextHeader + HeaderSize <= end)
        {
            if (rules.SingleMessage && _frames == 1)
            {
                return FrameErrors.AdditionalData();
            }

            buffer.Slice(_nextHeader - _bufferStart, HeaderSize).CopyTo(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
            if (rules.Refuse(header[0], length) is { } refused)
            {
                return refused;
            }

            _frames++;
            _nextHeader += HeaderSize + length;
        }

        if (rules.SingleMessage && _frames == 1 && end > _nextHeader)
        {
            return FrameErrors.AdditionalData();
        }

        if (completed && end != _nextHeader)
        {
            return FrameErrors.Incomplete(_nextHeader + HeaderSize > end ? "a frame header" : "a message");
        }

        return completed && _frames == 0 && rules.SingleMessage ? FrameErrors.Missing() : null;
    }
}
