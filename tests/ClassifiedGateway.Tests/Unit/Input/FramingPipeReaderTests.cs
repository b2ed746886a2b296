using System.IO.Pipelines;
using ClassifiedGateway.Gateway.Hosting.Wire;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Unit.Input;

public sealed class FramingPipeReaderTests
{
    private static byte[] Frame(int length, byte flag = 0) => [flag, 0, 0, (byte)(length >> 8), (byte)length, .. new byte[length]];

    /// <summary>Writes <paramref name="chunks"/> one by one and reads everything as grpc-dotnet would (consume whole frames only).</summary>
    private static async Task<int> ReadAllAsync(FrameRules rules, params byte[][] chunks)
    {
        var pipe = new Pipe();
        var reader = new FramingPipeReader(pipe.Reader, rules);
        var frames = 0;
        var writer = Task.Run(async () =>
        {
            foreach (var chunk in chunks)
            {
                await pipe.Writer.WriteAsync(chunk);
            }

            await pipe.Writer.CompleteAsync();
        });
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (buffer.Length >= 5)
            {
                var header = System.Buffers.BuffersExtensions.ToArray(buffer.Slice(0, 5));
                var length = (header[3] << 8) | header[4];
                if (buffer.Length < 5 + length)
                {
                    break;
                }

                buffer = buffer.Slice(5 + length);
                frames++;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                await writer;
                return frames;
            }
        }
    }

    private static readonly FrameRules Unary = new(true, 1000, null);
    private static readonly FrameRules Streaming = new(false, 1000, null);

    [Fact]
    public async Task A_message_split_across_reads_at_every_byte_passes()
    {
        var frame = Frame(20);
        for (var cut = 1; cut < frame.Length; cut++)
        {
            Assert.Equal(1, await ReadAllAsync(Unary, frame[..cut], frame[cut..]));
        }
    }

    [Fact]
    public async Task A_stream_of_messages_in_small_pieces_passes()
    {
        byte[] stream = [.. Frame(3), .. Frame(0), .. Frame(700), .. Frame(1000)];
        var pieces = stream.Chunk(7).ToArray();
        Assert.Equal(4, await ReadAllAsync(Streaming, pieces));
    }

    public static TheoryData<string, byte[], StatusCode> Refused => new()
    {
        { "a second message in a unary call", [.. Frame(4), .. Frame(4)], StatusCode.InvalidArgument },
        { "two stray bytes after the message", [.. Frame(4), 0, 0], StatusCode.InvalidArgument },
        { "a frame longer than the body", Frame(40)[..20], StatusCode.InvalidArgument },
        { "a cut header", [0, 0], StatusCode.InvalidArgument },
        { "no message at all", [], StatusCode.InvalidArgument },
        { "compressed flag 2", Frame(4, flag: 2), StatusCode.InvalidArgument },
        { "compressed without grpc-encoding", Frame(4, flag: 1), StatusCode.InvalidArgument },
        { "over the limit", Frame(1001), StatusCode.ResourceExhausted },
        { "4 GB announced", [0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2], StatusCode.ResourceExhausted },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Bad_framing_is_refused_with_a_clear_status(string why, byte[] body, StatusCode code)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(Unary, body));
        Assert.True(code == e.StatusCode, why);
    }

    [Fact]
    public async Task A_compressed_message_with_a_named_encoding_is_refused_as_unimplemented()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(new FrameRules(true, 1000, "gzip"), Frame(4, flag: 1)));
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}
