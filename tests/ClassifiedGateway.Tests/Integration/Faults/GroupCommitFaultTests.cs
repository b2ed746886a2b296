using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>Through the real binary: group commits whose BEGIN or COMMIT throws answer every concurrent caller with an error status
/// (no hang), and both nodes' writes and the relay go on afterwards. (A batch runs savepoints only after one of its operations threw;
/// GroupCommitWriterFaultTests fails those.)</summary>
public sealed class GroupCommitFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("begin")]
    [InlineData("commit")]
    public async Task A_failing_group_commit_statement_answers_every_concurrent_caller_and_the_relay_goes_on(string step)
    {
        await using var pair = await NodePair.StartAsync(StoreFaults.EnableFaults);
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var now = TimeProvider.System.GetUtcNow();
        var ids = new List<string>();
        var failed = new List<string>();

        // Both nodes' next group commits fail at that statement; concurrent submits until some caller has met the fault.
        await StoreFaults.InjectAsync(pair.TmSettings, $"fail {step} 10");
        await StoreFaults.InjectAsync(pair.KzSettings, $"fail {step} 10");
        for (var round = 0; round < 10 && failed.Count == 0; round++)
        {
            var batch = Enumerable.Range(0, 24).Select(i => $"gc-{step}-{round}-{i}").ToList();
            var started = TimeProvider.System.GetUtcNow();
            var answers = await Task.WhenAll(batch.Select(id => SubmitOnceAsync(pair.KzNode, id, now)));
            Assert.True(TimeProvider.System.GetUtcNow() - started < TimeSpan.FromSeconds(20), "every caller was answered well within its deadline");
            Assert.All(answers, a => Assert.True(a is StatusCode.OK or StatusCode.Internal, $"answered {a}"));
            ids.AddRange(batch);
            failed.AddRange(batch.Zip(answers).Where(x => x.Second != StatusCode.OK).Select(x => x.First));
        }

        Assert.NotEmpty(failed);
        Assert.Contains($"Fault injected: fail {step} 10", pair.KzNode.Output, StringComparison.Ordinal);

        // A correct client retries with the same id; afterwards everything is relayed, delivered and acknowledged in order.
        foreach (var id in failed)
        {
            await Eventually.SucceedsAsync(() => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) }).ResponseAsync,
                Patience, e => e is RpcException { StatusCode: StatusCode.Internal }, () => $"resubmit {id}");
        }

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == ids.Count,
            Patience, () => $"acknowledged of {ids.Count}\n{pair.Logs()}");
        Assert.Equal(ids.Order(), subscriber.Received.Keys.Order());
        Assert.Equal(await Submitter.IdsInStoreOrderAsync(pair.KzNode, Direction.Outbound), await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));
    }

    private static async Task<StatusCode> SubmitOnceAsync(NodeProcess node, string id, DateTimeOffset now)
    {
        try
        {
            await node.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) },
                deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(15));
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
