using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Polly.Timeout;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The pipelined relay: one long-lived stream to the peer, up to <see cref="RelayOptions.Window"/> batches in flight,
/// answers recorded in batch order while later batches travel.</summary>
/// <remarks>On any break the next stream starts again from the oldest unanswered entry (the outbox keeps every entry until
/// its answer is recorded, and the peer dedups by id).</remarks>
internal sealed partial class OutboxRelay
{
    /// <summary>How long the unary calls are used after the peer answered the stream with UNIMPLEMENTED (an older node).</summary>
    private static readonly TimeSpan StreamProbeInterval = TimeSpan.FromMinutes(5);

    private DateTimeOffset _streamUnsupportedUntil = DateTimeOffset.MinValue;

    private int _batchesInFlight;

    /// <summary>Batches written on the relay stream and not yet answered (the metric <c>gateway_relay_batches_in_flight</c>).</summary>
    public int BatchesInFlight => Volatile.Read(ref _batchesInFlight);

    /// <summary>The oldest batch the last stream left unanswered: the run a non-transient refusal is narrowed from.</summary>
    private List<OutboxEntry>? _oldestUnanswered;

    /// <summary>The stream is used unless an entry is suspected of a lasting refusal (sent alone, unary) or the peer has none.</summary>
    private bool StreamAllowed => _suspect is null && time.GetUtcNow() >= _streamUnsupportedUntil;

    /// <summary>Runs one stream until it breaks. Returns when it broke after making progress on a transient failure (the caller
    /// starts the next at once, with a fresh backoff) or when the peer has no stream; throws otherwise.</summary>
    private async ValueTask RunStreamAsync(CancellationToken cancellationToken)
    {
        var options = relayOptions.Value;
        using var state = new StreamState(options.Window, time.GetUtcNow());
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = peer.Client.RelayStream(cancellationToken: session.Token);
        var writing = WriteBatchesAsync(call.RequestStream, state, options, session.Token);
        var reading = ReadAnswersAsync(call.ResponseStream, state, session.Token);
        var watching = WatchAsync(state, options, session.Token);
        var first = await Task.WhenAny(writing, reading, watching);
        if (first == writing && writing.IsFaulted)
        {
            // A write fails once the peer has ended the call; the answers it sent before its status are still to be read and
            // recorded (else their batches would be resent and the refused batch misjudged). Bounded: a call that did not end
            // is given up after the attempt deadline.
            await Task.WhenAny(reading, watching, Task.Delay(options.AttemptTimeout, time, cancellationToken));
        }

        await session.CancelAsync();
        await Task.WhenAll(Settled(writing), Settled(reading), Settled(watching));
        Volatile.Write(ref _batchesInFlight, 0);
        cancellationToken.ThrowIfCancellationRequested();

        _oldestUnanswered = state.Oldest?.Run;
        var cause = Cause(state, first, writing, reading, options, PeerStatus(call));
        if (cause is RpcException { StatusCode: StatusCode.Unimplemented })
        {
            _streamUnsupportedUntil = time.GetUtcNow() + StreamProbeInterval;
            LogStreamUnsupported(logger, StreamProbeInterval.TotalMinutes);
            return;
        }

        if (state.Progressed && RelayPipeline.IsTransient(cause))
        {
            NoteFailure(cause);
            return;
        }

        ExceptionDispatchInfo.Throw(cause);
    }

    /// <summary>Why the stream ended: the peer's status when it sent one, else the first failure on this side.</summary>
    private static Exception Cause(StreamState state, Task first, Task writing, Task reading, RelayOptions options, Status? peerEnded)
    {
        if (state.TimedOut)
        {
            return new TimeoutRejectedException("No answer within the attempt deadline.", options.AttemptTimeout);
        }

        // A write can fail on a call the peer has already ended before the reader sees why: the status decides.
        if (peerEnded is { } ended)
        {
            return new RpcException(ended);
        }

        if (reading.Exception?.InnerException is RpcException { StatusCode: not StatusCode.Cancelled } peerStatus)
        {
            return peerStatus;
        }

        if (first.Exception?.InnerException is { } failure)
        {
            return failure;
        }

        return first == reading
            ? new IOException("The other node ended the relay stream.")
            : writing.Exception?.InnerException ?? reading.Exception?.InnerException ?? new IOException("The relay stream ended.");
    }

    private async Task WriteBatchesAsync(IClientStreamWriter<RelayStreamRequest> requests, StreamState state, RelayOptions options, CancellationToken cancellationToken)
    {
        var after = 0L;
        var batch = 0L;
        while (true)
        {
            await state.Window.WaitAsync(cancellationToken);
            var wake = store.Signals.Outbox.Next;
            var entries = await store.ReadOutboxAfterAsync(after, options.BatchSize, cancellationToken);
            if (entries.Count == 0)
            {
                state.Window.Release();
                await Waits.SignalOrTimeoutAsync(wake, options.IdlePoll, time, cancellationToken);
                continue;
            }

            var run = RelayRuns.Take(entries, options.BatchSize, limits.Value.MaxMessageBytes);
            var request = new RelayStreamRequest { Batch = ++batch };
            if (run[0].Type == OutboxEntryType.Notice)
            {
                request.Notices = NoticesRequest(run, batchSigned: true);
            }
            else
            {
                request.Reports = ReportsRequest(run, batchSigned: true);
            }

            // The other node paces its own submits on this too; when it has nothing to send us, this is how it hears ours drain.
            request.Backlog = (ulong)Math.Max(0, await store.OutboxDepthAsync(cancellationToken));
            state.Sent(new InFlight(batch, run, time.GetUtcNow()));
            Interlocked.Increment(ref _batchesInFlight);
            await requests.WriteAsync(request, cancellationToken);
            after = run[^1].Sequence;
        }
    }

    private async Task ReadAnswersAsync(IAsyncStreamReader<RelayStreamResponse> responses, StreamState state, CancellationToken cancellationToken)
    {
        while (await responses.MoveNext(cancellationToken))
        {
            var answer = responses.Current;
            if (state.Oldest is not { } sent || sent.Batch != answer.Batch)
            {
                throw new InvalidOperationException($"The peer answered batch {answer.Batch}, which is not the oldest one in flight.");
            }

            backlog.PeerReported(answer.Backlog);

            if (sent.Run[0].Type == OutboxEntryType.Notice && answer.BodyCase == RelayStreamResponse.BodyOneofCase.Notices)
            {
                await RecordReceiptsAsync(sent.Run, answer.Notices.Receipts);
            }
            else if (sent.Run[0].Type == OutboxEntryType.Status && answer.BodyCase == RelayStreamResponse.BodyOneofCase.Reports)
            {
                await CompleteReportsAsync(sent.Run);
            }
            else
            {
                throw new InvalidOperationException($"The peer answered batch {answer.Batch} with the wrong kind of answer.");
            }

            state.Answered(time.GetUtcNow());
            Interlocked.Decrement(ref _batchesInFlight);
            if (link.Succeeded(time.GetUtcNow()) is { } closed)
            {
                PeerLinkLog.Closed(logger, closed, closed.RelayLogged ? await store.OutboxDepthAsync(cancellationToken) : 0);
            }
        }
    }

    /// <summary>The per-attempt deadline on a stream: the oldest batch must be answered within it, counted from when it was sent
    /// or the previous answer was recorded, whichever is later.</summary>
    private async Task WatchAsync(StreamState state, RelayOptions options, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Max(options.AttemptTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks));
        while (true)
        {
            await Task.Delay(tick, time, cancellationToken);
            if (state.Waiting(time.GetUtcNow()) > options.AttemptTimeout)
            {
                state.TimedOut = true;
                return;
            }
        }
    }

    /// <summary>The status the peer ended the call with, when it did (not OK, not our own cancellation).</summary>
    private static Status? PeerStatus(AsyncDuplexStreamingCall<RelayStreamRequest, RelayStreamResponse> call)
    {
        try
        {
            return call.GetStatus() is { StatusCode: not (StatusCode.OK or StatusCode.Cancelled) } status ? status : null;
        }
        catch (InvalidOperationException)
        {
            return null; // the call had not ended when it was cancelled
        }
    }

    private static async Task Settled(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Observed here; RunStreamAsync reads each task's exception to name the cause.
        }
    }

    private sealed record InFlight(long Batch, List<OutboxEntry> Run, DateTimeOffset SentAt);

    /// <summary>The batches in flight on one stream, oldest first, and the window that bounds them.</summary>
    private sealed class StreamState(int window, DateTimeOffset started) : IDisposable
    {
        private readonly ConcurrentQueue<InFlight> _inFlight = new();
        private long _lastAnswerTicks = started.UtcTicks;

        public SemaphoreSlim Window { get; } = new(window, window);

        public bool Progressed { get; private set; }

        public volatile bool TimedOut;

        public InFlight? Oldest => _inFlight.TryPeek(out var oldest) ? oldest : null;

        public void Sent(InFlight batch) => _inFlight.Enqueue(batch);

        public void Answered(DateTimeOffset at)
        {
            _inFlight.TryDequeue(out _);
            Interlocked.Exchange(ref _lastAnswerTicks, at.UtcTicks);
            Progressed = true;
            Window.Release();
        }

        /// <summary>How long the oldest batch has waited for its answer (zero when none is in flight).</summary>
        public TimeSpan Waiting(DateTimeOffset now)
        {
            if (Oldest is not { } oldest)
            {
                return TimeSpan.Zero;
            }

            var since = Math.Max(oldest.SentAt.UtcTicks, Interlocked.Read(ref _lastAnswerTicks));
            return TimeSpan.FromTicks(now.UtcTicks - since);
        }

        public void Dispose() => Window.Dispose();
    }

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "The other node has no relay stream (UNIMPLEMENTED); relaying with one call at a time for {Minutes} min")]
    private static partial void LogStreamUnsupported(ILogger logger, double minutes);
}
