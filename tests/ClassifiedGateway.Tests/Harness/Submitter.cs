using ClassifiedGateway.Contracts.V1;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A sending system: submits notices in parallel and, like a correct client, retries a failed call with the same id.</summary>
internal static class Submitter
{
    public static async Task<IReadOnlyList<string>> SubmitManyAsync(
        Func<NodeProcess?> node, string prefix, int count, DateTimeOffset now, TimeSpan timeout)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}").ToList();
        using var cts = new CancellationTokenSource(timeout);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cts.Token }, async (id, ct) =>
        {
            var envelope = Notices.Consultation(id, Party.Kz, now);
            await Eventually.SucceedsAsync(
                async () => await (node() ?? throw new InvalidOperationException("node down")).Party.SubmitAsync(
                    new SubmitRequest { Envelope = envelope }, cancellationToken: ct),
                timeout,
                e => e is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled }
                    or InvalidOperationException or HttpRequestException,
                () => $"submit {id} kept failing");
        });
        return ids;
    }

    /// <summary>Ids of a node's messages in one direction, in the order the node stored them.</summary>
    public static async Task<List<string>> IdsInStoreOrderAsync(NodeProcess node, Direction direction)
    {
        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await node.Operator.ListMessagesAsync(new ListMessagesRequest { Direction = direction, PageSize = 500, PageToken = token });
            ids.AddRange(page.Messages.Select(m => m.Envelope.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        ids.Reverse();
        return ids;
    }

    /// <summary>How many of the sender's outbound messages stand at each stage.</summary>
    public static async Task<long> CountAsync(NodeProcess node, Stage stage, Direction direction)
    {
        var counts = await node.Operator.CountByStageAsync(new CountByStageRequest());
        return counts.Counts.Where(c => c.Stage == stage && c.Direction == direction).Sum(c => c.Count);
    }
}
