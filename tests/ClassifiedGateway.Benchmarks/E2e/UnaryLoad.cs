using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>Today's calls: one Submit per notice, a Subscribe stream at TM and one Acknowledge per delivery.</summary>
internal sealed class UnaryLoad : ILoadMode
{
    // A node that sheds load (RESOURCE_EXHAUSTED with RetryInfo, issue 10's admission control) is asked again, with the same
    // id, for up to about a minute: a correct client waits rather than drops a notice.
    private const int Attempts = 60;

    public IAsyncDisposable StartReceiver(NodeProcess tm, E2eOptions options) => new AcknowledgingSubscriber(tm.Party, options.Ackers);

    public async Task SubmitAsync(IReadOnlyList<NodeProcess> kz, int callers, string runId, LoadRecorder recorder, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(() => CallerAsync(kz[i % kz.Count].Party, runId, recorder, stop), CancellationToken.None)));

    private static async Task CallerAsync(PartyGatewayService.PartyGatewayServiceClient client, string runId, LoadRecorder recorder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && recorder.Take() is { } n)
        {
            var id = $"{runId}-{n:D7}";
            var submittedAt = TimeProvider.System.GetUtcNow();
            var start = Stopwatch.GetTimestamp();
            var request = new SubmitRequest { Envelope = BenchmarkNotice.Create(id, submittedAt) };
            if (await SubmitWithRetriesAsync(client, request))
            {
                recorder.RecordAccepted(id, submittedAt, start);
            }
            else
            {
                recorder.RecordFailed();
            }
        }
    }

    /// <summary>Retries what a correct client retries, with the same id (the node answers a duplicate with the first answer).</summary>
    private static async Task<bool> SubmitWithRetriesAsync(PartyGatewayService.PartyGatewayServiceClient client, SubmitRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await client.SubmitAsync(request);
                return response.Stage == Stage.Accepted;
            }
            catch (RpcException e) when (attempt < Attempts && e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)));
            }
            catch (RpcException e)
            {
                await Console.Error.WriteLineAsync($"submit {request.Envelope.Id}: {e.StatusCode} {e.Status.Detail}");
                return false;
            }
        }
    }
}
