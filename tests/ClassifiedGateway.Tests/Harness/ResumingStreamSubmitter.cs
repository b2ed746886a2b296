using System.Collections.Concurrent;
using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A sending system on SubmitStream that behaves as the contract asks: when the stream breaks (its node was killed), it
/// opens a new one and sends again every item not yet answered, with the same ids.</summary>
internal static class ResumingStreamSubmitter
{
    /// <summary>Streams every envelope until each has an outcome; returns the outcomes by id (the last one received for each) and how
    /// many streams it took.</summary>
    public static async Task<(ConcurrentDictionary<string, SubmitStreamResponse> Outcomes, int Streams)> SubmitAllAsync(
        Func<NodeProcess?> node, IReadOnlyList<Envelope> envelopes, TimeSpan timeout, Action<int>? onAnswered = null)
    {
        var outcomes = new ConcurrentDictionary<string, SubmitStreamResponse>();
        using var cts = new CancellationTokenSource(timeout);
        var streams = 0;
        while (outcomes.Count < envelopes.Count)
        {
            var remaining = envelopes.Where(e => !outcomes.ContainsKey(e.Id)).ToList();
            streams++;
            try
            {
                var client = (node() ?? throw new InvalidOperationException("node down")).Party;
                using var call = client.SubmitStream(cancellationToken: cts.Token);
                var writing = WriteAsync(call.RequestStream, remaining, cts.Token);
                await foreach (var outcome in call.ResponseStream.ReadAllAsync(cts.Token))
                {
                    outcomes[outcome.MessageId] = outcome;
                    onAnswered?.Invoke(outcomes.Count);
                }

                await writing;
            }
            catch (Exception e) when (!cts.IsCancellationRequested && e is RpcException or HttpRequestException or IOException or InvalidOperationException)
            {
                // The node is down or restarting: try again (a retry is not a synchronisation; the loop ends on the timeout).
                await Task.Delay(100, cts.Token);
            }
        }

        return (outcomes, streams);
    }

    private static async Task WriteAsync(IClientStreamWriter<SubmitStreamRequest> requests, List<Envelope> envelopes, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var envelope in envelopes)
            {
                await requests.WriteAsync(new SubmitStreamRequest { Envelope = envelope }, cancellationToken);
            }

            await requests.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream broke under the writer; the reader sees it and the loop resends what is unanswered.
        }
    }
}
