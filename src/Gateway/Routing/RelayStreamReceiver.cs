using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing.Overload;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The receiving side of the relay stream: batches are read and checked (signatures verified) while earlier ones are
/// stored, then stored strictly in stream order, consecutive notice batches in one store write, one answer per batch in order.</summary>
/// <remarks>A batch that cannot be taken ends the stream with its status after every batch before it has been answered. When the
/// node stops, reading stops, what was read is applied and answered, and the stream ends UNAVAILABLE (a graceful stop does not
/// wait for the other node to close a stream that lives as long as the link).</remarks>
internal sealed partial class RelayStreamReceiver(
    RelayReceiver notices, StatusReceiver reports, RelayBacklogGate backlog, IHostApplicationLifetime lifetime, ILogger<RelayStreamReceiver> logger)
{
    /// <summary>Batches read ahead of the one being stored; the sender's window is what normally bounds this.</summary>
    public const int ReadAhead = 64;

    public async Task RunAsync(
        IAsyncStreamReader<RelayStreamRequest> requests, IServerStreamWriter<RelayStreamResponse> responses, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var reading = ReadAsync(requests, queue.Writer, caller, stop.Token);
        try
        {
            await ApplyAsync(queue.Reader, responses, caller, cancellationToken);
        }
        finally
        {
            // The reader never throws (its failure reaches ApplyAsync through the queue); stopped here when applying failed.
            await stop.CancelAsync();
            await reading;
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<RelayStreamRequest> requests, ChannelWriter<Item> queue, CallerIdentity caller, CancellationToken cancellationToken)
    {
        try
        {
            var expected = 1L;
            while (await requests.MoveNext(cancellationToken))
            {
                var request = requests.Current;
                if (request.Batch != expected)
                {
                    throw new InvalidRequestException([new FieldViolation("batch", $"expected batch {expected}")]);
                }

                expected++;
                var item = request.BodyCase switch
                {
                    RelayStreamRequest.BodyOneofCase.Notices => await NoticesAsync(request, caller, cancellationToken),
                    RelayStreamRequest.BodyOneofCase.Reports => await ReportsAsync(request, caller, cancellationToken),
                    _ => throw new InvalidRequestException([new FieldViolation("body", "notices or reports is required")]),
                };
                if (request.HasBacklog)
                {
                    // A batch from the other node, checked: its backlog as it sent it (fresher than its last answer to us).
                    backlog.PeerReported(request.Backlog);
                }

                await queue.WriteAsync(item, cancellationToken);
            }

            queue.TryComplete();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            queue.TryComplete(new NodeStoppingException());
        }
        catch (Exception e)
        {
            // What was read before the failure is still applied and answered; then the stream ends with it.
            queue.TryComplete(e);
        }
    }

    private async Task<Item> NoticesAsync(RelayStreamRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await reports.EnsureFromPeerAsync(request.Notices.FromParty, caller, cancellationToken);
        return new Item(request.Batch, notices.Prepare(request.Notices), null);
    }

    private async Task<Item> ReportsAsync(RelayStreamRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await reports.EnsureFromPeerAsync(request.Reports.FromParty, caller, cancellationToken);
        return new Item(request.Batch, null, request.Reports);
    }

    private async Task ApplyAsync(ChannelReader<Item> queue, IServerStreamWriter<RelayStreamResponse> responses, CallerIdentity caller, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyInOrderAsync(queue, responses, caller, cancellationToken);
        }
        catch (ChannelClosedException closed) when (closed.InnerException is { } failure)
        {
            // The reader's failure (a bad batch, a denied caller, a broken stream), now that everything before it is answered.
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task ApplyInOrderAsync(ChannelReader<Item> queue, IServerStreamWriter<RelayStreamResponse> responses, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var run = new List<Item>();
        while (await queue.WaitToReadAsync(cancellationToken))
        {
            // Consecutive notice batches already read go to the store together (one commit), within one call's bound.
            run.Clear();
            var total = 0;
            while (queue.TryPeek(out var next) && next.Notices is { } batch && (run.Count == 0 || total + batch.Commands.Count <= RelayReceiver.MaxBatch))
            {
                queue.TryRead(out _);
                run.Add(next);
                total += batch.Commands.Count;
            }

            if (run.Count > 0)
            {
                var answers = await notices.StoreAsync([.. run.Select(i => i.Notices!)], batchSigned: true, cancellationToken);
                for (var i = 0; i < run.Count; i++)
                {
                    await responses.WriteAsync(new RelayStreamResponse { Batch = run[i].Batch, Notices = new RelayResponse { Receipts = { answers[i] } }, Backlog = (ulong)backlog.OwnBacklog }, cancellationToken);
                }

                LogApplied(logger, run.Count, total);
                continue;
            }

            if (queue.TryRead(out var item) && item.Reports is { } request)
            {
                var recorded = await reports.ReceiveAsync(request, caller, cancellationToken);
                await responses.WriteAsync(new RelayStreamResponse { Batch = item.Batch, Reports = new RelayStatusResponse { Recorded = recorded }, Backlog = (ulong)backlog.OwnBacklog }, cancellationToken);
            }
        }

        await queue.Completion;
    }

    private sealed record Item(long Batch, RelayReceiver.PreparedBatch? Notices, RelayStatusRequest? Reports);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Relay stream: stored {Batches} batches ({Count} notices) in one write")]
    private static partial void LogApplied(ILogger logger, int batches, int count);
}
