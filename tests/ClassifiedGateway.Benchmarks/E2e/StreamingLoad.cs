using System.Collections.Concurrent;
using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The streaming calls: one SubmitStream per caller at KZ (notices written as fast as flow control lets them, one
/// outcome per notice read beside), and at TM one SubscribeAcknowledging stream whose acknowledgements ride it in batches.</summary>
internal sealed class StreamingLoad : ILoadMode
{
    /// <summary>A stream that breaks is opened again (its unanswered notices sent again, same ids) up to this many times.</summary>
    private const int Reopens = 20;

    public IAsyncDisposable StartReceiver(NodeProcess tm, E2eOptions options) => new StreamAcknowledgingSubscriber(tm.Party);

    public async Task SubmitAsync(IReadOnlyList<NodeProcess> kz, int callers, string runId, LoadRecorder recorder, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(() => CallerAsync(kz[i % kz.Count].Party, runId, recorder, stop), CancellationToken.None)));

    private static async Task CallerAsync(PartyGatewayService.PartyGatewayServiceClient client, string runId, LoadRecorder recorder, CancellationToken stop)
    {
        // Sent and not yet answered, oldest first: outcomes come in the order the items were written.
        var unanswered = new ConcurrentQueue<Pending>();
        var retry = new ConcurrentQueue<Pending>();
        for (var opened = 0; opened <= Reopens; opened++)
        {
            try
            {
                using var call = client.SubmitStream(cancellationToken: CancellationToken.None);
                var writing = WriteAsync(call.RequestStream, runId, recorder, unanswered, retry, stop);
                await foreach (var outcome in call.ResponseStream.ReadAllAsync(CancellationToken.None))
                {
                    if (!unanswered.TryDequeue(out var item) || item.Envelope.Id != outcome.MessageId)
                    {
                        throw new InvalidOperationException($"outcome for {outcome.MessageId} out of order");
                    }

                    if (outcome.OutcomeCase == SubmitStreamResponse.OutcomeOneofCase.Accepted)
                    {
                        recorder.RecordAccepted(item.Envelope.Id, item.SubmittedAt, item.Start);
                    }
                    else if (outcome.Refused.Code == (int)StatusCode.ResourceExhausted)
                    {
                        // Admission control shed it: nothing stored; send it again with the same id.
                        retry.Enqueue(item);
                    }
                    else
                    {
                        await Console.Error.WriteLineAsync($"submit {outcome.MessageId}: {(StatusCode)outcome.Refused.Code} {outcome.Refused.Message}");
                        recorder.RecordFailed();
                    }
                }

                await writing;
                if (retry.IsEmpty)
                {
                    return;
                }

                // Shed after the stream's last write: the node asked for a second's pause (RetryInfo) before they come again.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled)
            {
                await Console.Error.WriteLineAsync($"submit stream lost ({e.StatusCode}); reopening");
            }

            // Whatever was written and not answered is sent again first (a duplicate answers with its first acceptance).
            while (unanswered.TryDequeue(out var lost))
            {
                retry.Enqueue(lost);
            }
        }

        while (retry.TryDequeue(out _))
        {
            recorder.RecordFailed();
        }
    }

    private static async Task WriteAsync(
        IClientStreamWriter<SubmitStreamRequest> requests, string runId, LoadRecorder recorder, ConcurrentQueue<Pending> unanswered,
        ConcurrentQueue<Pending> retry, CancellationToken stop)
    {
        // Shed items are sent again after the load's end too (only new notices stop), so the run verifies what it accepted.
        while (true)
        {
            Pending item;
            if (retry.TryDequeue(out var again))
            {
                item = again;
            }
            else if (!stop.IsCancellationRequested && recorder.Take() is { } n)
            {
                var submittedAt = TimeProvider.System.GetUtcNow();
                item = new Pending(BenchmarkNotice.Create($"{runId}-{n:D7}", submittedAt), submittedAt, Stopwatch.GetTimestamp());
            }
            else
            {
                break;
            }

            unanswered.Enqueue(item);
            await requests.WriteAsync(new SubmitStreamRequest { Envelope = item.Envelope }, CancellationToken.None);
        }

        await requests.CompleteAsync();
    }

    private sealed record Pending(Envelope Envelope, DateTimeOffset SubmittedAt, long Start);
}
