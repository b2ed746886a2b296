using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Limits against abuse, small by default.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>Largest request (and gRPC message) accepted.</summary>
    /// <value>Default 256 KiB.</value>
    [Range(4096, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>What the other node's relay messages may carry beyond <see cref="MaxMessageBytes"/>: the relay wraps each notice
    /// (sequence, time, signature or batch proof), so one notice submitted at the limit is a relay message a little above it.</summary>
    public const int PeerFrameAllowance = 16 * 1024;

    /// <summary>Largest message the peer service takes from the other node.</summary>
    public int MaxPeerMessageBytes => MaxMessageBytes + PeerFrameAllowance;

    /// <summary>Concurrent HTTP/2 streams per connection.</summary>
    /// <value>Default 100.</value>
    [Range(1, 10_000)]
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>Concurrent connections per listener set.</summary>
    /// <value>Default 1000.</value>
    [Range(1, 1_000_000)]
    public long MaxConnections { get; set; } = 1000;

    /// <summary>Calls one identity (client certificate) may make per second, sustained; a call beyond it is answered HTTP 429
    /// (gRPC UNAVAILABLE). A stream is one call here; its items count against <see cref="ItemsPerSecondPerIdentity"/>.</summary>
    /// <value>Default 10,000: one system speaking for a whole Party may drive its node to capacity with unary calls; the node's
    /// own protection against more than it can write is admission control (Gateway:Admission), not this.</value>
    [Range(1, 1_000_000)]
    public int CallsPerSecondPerIdentity { get; set; } = 10_000;

    /// <summary>Calls one identity may make in a burst.</summary>
    /// <value>Default 20,000.</value>
    [Range(1, 1_000_000)]
    public int BurstPerIdentity { get; set; } = 20_000;

    /// <summary>Streamed items (SubmitStream envelopes, AcknowledgeBatch items) one identity may send per second, sustained, over
    /// all its streams. Beyond it a stream is slowed (the node reads its next item later), never refused.</summary>
    /// <value>Default 50,000.</value>
    [Range(1, 10_000_000)]
    public int ItemsPerSecondPerIdentity { get; set; } = 50_000;

    /// <summary>Streamed items one identity may send in a burst.</summary>
    /// <value>Default 100,000.</value>
    [Range(1, 10_000_000)]
    public int ItemBurstPerIdentity { get; set; } = 100_000;

    /// <summary>Items of one SubmitStream read ahead of their answers; the node then stops reading the stream until the oldest
    /// is answered, so HTTP/2 flow control holds the client back (no unbounded buffer).</summary>
    /// <value>Default 64: enough to keep the group-commit writer's batches full from a few streams (16 streams keep ~1,000
    /// items waiting for it), while every item read ahead waits in the node's memory for its commit. At 256, 64 paced streams
    /// held ~16,000 items (docs/performance.md, "Memory under load").</value>
    [Range(1, 10_000)]
    public int StreamInFlight { get; set; } = 64;

    /// <summary>Items of all SubmitStreams together read and not yet durable or refused; a stream that has read one more waits
    /// for a slot (and reads nothing further meanwhile), so the node's memory for streamed items is bounded however many
    /// streams are open.</summary>
    /// <value>Default 8,192: 128 streams at <see cref="StreamInFlight"/> each. A memory bound for many streams, not a throttle: at
    /// 2,048, 64 streams ran ~7 % fewer acked/s with a worse p99 for ~8 MB less RSS (docs/performance.md).</value>
    [Range(1, 1_000_000)]
    public int StreamInFlightTotal { get; set; } = 8_192;

    /// <summary>How long a connection may take to finish its TLS handshake before it is closed.</summary>
    /// <value>Default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections from one remote address that may be waiting for their TLS handshake at once; more are closed at once.</summary>
    /// <value>Default 32.</value>
    [Range(1, 100_000)]
    public int MaxPendingHandshakesPerAddress { get; set; } = 32;
}
