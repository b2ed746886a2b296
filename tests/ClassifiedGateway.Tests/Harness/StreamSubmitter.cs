using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A sending system on SubmitStream: writes the items, reads one outcome per item, in order.</summary>
internal static class StreamSubmitter
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Streams <paramref name="items"/> and returns their outcomes; the writer and the reader run side by side (flow control).</summary>
    public static async Task<List<SubmitStreamResponse>> SubmitAsync(
        PartyGatewayService.PartyGatewayServiceClient client, IEnumerable<SubmitStreamRequest> items, CancellationToken cancellationToken = default)
    {
        // A stuck stream fails the test with DEADLINE_EXCEEDED instead of hanging the run.
        using var call = client.SubmitStream(deadline: TimeProvider.System.GetUtcNow().UtcDateTime + Patience, cancellationToken: cancellationToken);
        var writing = Task.Run(async () =>
        {
            foreach (var item in items)
            {
                await call.RequestStream.WriteAsync(item, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }, cancellationToken);
        var outcomes = new List<SubmitStreamResponse>();
        await foreach (var outcome in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            outcomes.Add(outcome);
        }

        await writing;
        return outcomes;
    }

    public static IEnumerable<SubmitStreamRequest> Items(IEnumerable<Envelope?> envelopes) =>
        envelopes.Select(e => e is null ? new SubmitStreamRequest() : new SubmitStreamRequest { Envelope = e });
}
