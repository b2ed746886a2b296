using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing.Overload;

/// <summary>Paces new submits while the relay to the other node is behind: above <see cref="AdmissionOptions.MaxRelayBacklog"/>
/// outbox entries (counted by <see cref="RelayBacklogSampler"/> while the link is up, plus the other node's own backlog as it
/// reports it in its relay answers and with each batch it sends on its own relay stream: the status reports it owes back for
/// notices already relayed) an episode begins; it ends at
/// <see cref="AdmissionOptions.ResumeRelayBacklog"/> or at once when the bound stops applying (link down, lease lost).</summary>
/// <remarks>A submit stream waits (<see cref="WaitAsync"/>) and so stops reading; a unary Submit is refused
/// (<see cref="EnsureAdmitted"/>). One warning when an episode begins and one line when it ends, never one per submit.</remarks>
internal sealed partial class RelayBacklogGate(IOptions<AdmissionOptions> options, TimeProvider time, ILogger<RelayBacklogGate> logger)
{
    /// <summary>The current episode (completed when it ends); null while submits are not paced. Written by the sampler only.</summary>
    private TaskCompletionSource? _episode;

    /// <summary>How long a count stays news: a node that stopped counting (its link went down) reports nothing stale.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private long _backlog;
    private long _own;
    private long _ownAt;
    private long _peer;
    private long _peerAt;
    private long _refused;
    private long _held;
    private long _episodes;
    private long _startedAt;
    private long _refusedAtStart;
    private long _heldAtStart;

    /// <summary>Whether submits are paced now.</summary>
    public bool Pacing => Volatile.Read(ref _episode) is not null;

    /// <summary>The backlog the bound last compared: this node's outbox entries counted while the link was up, plus the
    /// other node's own backlog as it last reported it in its relay answers (when that report is recent).</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>The other node's backlog from its latest relay answer, or 0 when none is recent.</summary>
    public long PeerBacklog => IsFresh(Interlocked.Read(ref _peerAt)) ? Interlocked.Read(ref _peer) : 0;

    /// <summary>What this node tells the other in its relay answers: its own outbox entries as last counted, or 0 when the
    /// count is not recent (the bound did not apply here, so nothing was counted).</summary>
    public long OwnBacklog => IsFresh(Interlocked.Read(ref _ownAt)) ? Interlocked.Read(ref _own) : 0;

    /// <summary>The other node's backlog, from one of its relay answers or from a batch it sent (the latest wins).</summary>
    public void PeerReported(ulong backlog)
    {
        Interlocked.Exchange(ref _peer, (long)Math.Min(backlog, long.MaxValue / 2));
        Interlocked.Exchange(ref _peerAt, time.GetTimestamp());
    }

    private bool IsFresh(long at) => at != 0 && time.GetElapsedTime(at) <= Fresh;

    /// <summary>The status reports the other node can still owe this one: two (DELIVERED, ACKNOWLEDGED) for each notice of
    /// this node's it stored but did not deliver yet, one for each it delivered but was not acknowledged yet. What counts in its
    /// backlog for pacing is these; its own notices to this node are not (this node never stops reading them), and a figure
    /// above this is not believed.</summary>
    public static long StatusReportsOwed(IEnumerable<StageCount> counts) =>
        counts.Where(c => c.Direction == Direction.Outbound)
            .Sum(c => c.Stage switch
            {
                Stage.Relayed => 2 * c.Count,
                Stage.Delivered => c.Count,
                _ => 0L,
            });

    /// <summary>Unary submits refused with RELAY_BACKLOG_FULL since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Times a submit stream stopped reading for an episode since start.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Pacing episodes begun since start.</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>For a unary submit: throws <see cref="RelayBacklogFullException"/> while pacing.</summary>
    public void EnsureAdmitted()
    {
        if (Volatile.Read(ref _episode) is not null)
        {
            Interlocked.Increment(ref _refused);
            throw new RelayBacklogFullException(options.Value.RetryAfter);
        }
    }

    /// <summary>For a submit stream, before it reads its next item: completes at once unless pacing, else when the episode ends
    /// (which the sampler guarantees: the backlog drains, the link goes down, the count fails or the node stops) or on cancellation.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var episode = Volatile.Read(ref _episode);
        return episode is null ? ValueTask.CompletedTask : HoldAsync(episode.Task, cancellationToken);
    }

    private async ValueTask HoldAsync(Task ended, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        await ended.WaitAsync(cancellationToken);
    }

    /// <summary>A count of the backlog taken while the bound applies: begins or ends an episode (hysteresis).</summary>
    /// <param name="own">This node's outbox entries not yet receipted.</param>
    /// <param name="peerCanOwe">The most the other node can owe this one (<see cref="StatusReportsOwed"/>); its reported
    /// backlog counts up to that and no further, so a peer that reports more than it can owe cannot hold this node's submits.</param>
    public void Sampled(long own, long peerCanOwe = long.MaxValue)
    {
        Interlocked.Exchange(ref _own, own);
        Interlocked.Exchange(ref _ownAt, time.GetTimestamp());
        var backlog = own + Math.Min(PeerBacklog, Math.Max(0, peerCanOwe));
        Interlocked.Exchange(ref _backlog, backlog);
        var settings = options.Value;
        if (_episode is null && settings.MaxRelayBacklog > 0 && backlog > settings.MaxRelayBacklog)
        {
            _startedAt = time.GetTimestamp();
            _refusedAtStart = Refused;
            _heldAtStart = Held;
            Interlocked.Increment(ref _episodes);
            Volatile.Write(ref _episode, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            LogPacing(logger, backlog, settings.MaxRelayBacklog, settings.ResumeRelayBacklog);
        }
        else if (_episode is not null && backlog <= settings.ResumeRelayBacklog)
        {
            End("the backlog fell to the low-water mark");
        }
    }

    /// <summary>The bound no longer applies (<paramref name="why"/>): an episode in progress ends at once.</summary>
    public void Lift(string why)
    {
        // Counts taken while the bound applied are not news any more.
        Interlocked.Exchange(ref _ownAt, 0);
        Interlocked.Exchange(ref _peerAt, 0);
        if (_episode is not null)
        {
            End(why);
        }
    }

    private void End(string why)
    {
        var episode = _episode!;
        Volatile.Write(ref _episode, null);
        episode.TrySetResult();
        LogPacingOver(logger, why, Backlog, (long)time.GetElapsedTime(_startedAt).TotalMilliseconds, Refused - _refusedAtStart, Held - _heldAtStart);
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning,
        Message = "Relay backlog {Backlog} above {Bound} while the link is up: pacing submits (streams wait, unary RESOURCE_EXHAUSTED) until it is at most {Resume}")]
    private static partial void LogPacing(ILogger logger, long backlog, int bound, int resume);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information,
        Message = "Pacing over ({Why}): backlog {Backlog}, after {DurationMs} ms, {Refused} unary submits refused, {Held} stream reads held")]
    private static partial void LogPacingOver(ILogger logger, string why, long backlog, long durationMs, long refused, long held);
}
