using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>Watches how far the other node's clock is from this node's, from the times the other node sends with each call.
/// Skew is reported, never enforced: a gauge (gateway_peer_clock_offset_seconds), and one alarm when an episode starts
/// (offset beyond Gateway:PeerClockTolerance) and one line when it ends (back within half the tolerance).</summary>
/// <remarks>The best sample is the call's sent_at (the other node's clock when it sent, so only network latency blurs it).
/// Without one, the latest accepted_at or report time is used only when it lies ahead of this clock: an old notice sent
/// after an outage looks "behind" by the outage, so a time in the past proves nothing about the clock.</remarks>
internal sealed partial class PeerClockWatch
{
    private readonly PeerClockEpisodes _episodes = new();
    private readonly IGatewayStore _store;
    private readonly TimeProvider _time;
    private readonly IOptions<GatewayOptions> _options;
    private readonly ILogger<PeerClockWatch> _logger;
    private double? _offsetSeconds;

    public PeerClockWatch(IGatewayStore store, GatewayMetrics metrics, TimeProvider time, IOptions<GatewayOptions> options, ILogger<PeerClockWatch> logger)
    {
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;
        metrics.Observe("gateway_peer_clock_offset_seconds", "The other node's clock minus this node's, in seconds, as last observed.",
            () => _offsetSeconds is { } offset ? [new(offset)] : []);
    }

    /// <summary>Takes the sample of one call from the other node and records what changed: a skew alarm in the history of
    /// <paramref name="messageId"/> (when there is one) and in the audit trail, once per episode; the episode's end in the audit trail.</summary>
    /// <param name="sentAt">The call's sent_at.</param>
    /// <param name="peerTimes">The other node's times carried in the call (accepted_at, report times).</param>
    /// <param name="messageId">A message the call stored or changed, to carry the alarm in its history.</param>
    public async Task ObserveAsync(Timestamp? sentAt, IEnumerable<Timestamp?> peerTimes, string? messageId, CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        foreach (var t in peerTimes)
        {
            if (WireTimes.TryToDateTimeOffset(t, out var at) && (latest is null || at > latest))
            {
                latest = at;
            }
        }

        if (Observe(WireTimes.TryToDateTimeOffset(sentAt, out var sent) ? sent : null, latest) is not { } change)
        {
            return;
        }

        var now = _time.GetUtcNow();
        await _store.AppendAuditAsync(change.Started ? "clock-skew" : "clock-skew-ended", messageId ?? "", "node", change.Detail, now, cancellationToken);
        // The history alarm goes on the message the id names (ids are per sender: only when that is one message; once per episode).
        if (change.Started && messageId is { Length: > 0 }
            && await _store.FindMessagesAsync(new MessageRef(messageId), cancellationToken) is [var named])
        {
            await _store.RecordAlarmAsync(named.Key, change.Detail, now, cancellationToken);
        }
    }

    /// <summary>Takes one sample: <paramref name="sentAt"/> when the call carried one, else <paramref name="latestPeerTime"/>
    /// (used only when ahead). Returns the alarm detail when a skew episode starts, the recovery detail when it ends, else null.</summary>
    private PeerClockChange? Observe(DateTimeOffset? sentAt, DateTimeOffset? latestPeerTime)
    {
        var now = _time.GetUtcNow();
        var peer = sentAt ?? (latestPeerTime > now ? latestPeerTime : null);
        if (peer is null)
        {
            return null;
        }

        var tolerance = _options.Value.PeerClockTolerance;
        var offset = peer.Value - now;
        var change = _episodes.Observe(offset, tolerance);
        _offsetSeconds = Math.Round(offset.TotalSeconds, 3);
        if (change is { Started: true })
        {
            LogSkew(_logger, _offsetSeconds.Value, tolerance.TotalSeconds);
        }
        else if (change is not null)
        {
            LogRecovered(_logger, _offsetSeconds.Value);
        }

        return change;
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "The other node's clock is {OffsetSeconds:0} s off this node's (tolerance {ToleranceSeconds:0} s); alarm raised, notices still accepted")]
    private static partial void LogSkew(ILogger logger, double offsetSeconds, double toleranceSeconds);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "The other node's clock is back within tolerance ({OffsetSeconds:0} s)")]
    private static partial void LogRecovered(ILogger logger, double offsetSeconds);
}

/// <summary>A skew episode started (<paramref name="Started"/>) or ended, with the detail to record.</summary>
internal sealed record PeerClockChange(bool Started, string Detail);
