using System.Collections.Concurrent;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>A full disk at the sender: callers get RESOURCE_EXHAUSTED with RetryInfo (never OK for what was not stored, never
/// INTERNAL), the node logs one line for the episode and no stack trace, and recovers on its own when space returns.</summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Disk_full_answers_RESOURCE_EXHAUSTED_logs_once_loses_nothing_acknowledged_and_recovers_when_space_returns()
    {
        await using var disk = await DiskFull.CreateAsync();
        output.WriteLine($"storage filled by: {disk.Kind}");
        await using var pair = await NodePair.StartAsync(s =>
        {
            if (s.Party == Party.Kz)
            {
                disk.Configure(s);
            }
        });
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var now = TimeProvider.System.GetUtcNow();
        var warmUp = Enumerable.Range(0, 10).Select(i => $"df-warm-{i}").ToList();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, warmUp, now);

        await disk.FillAsync(pair.KzSettings);
        var accepted = new ConcurrentBag<string>(warmUp);
        var exhausted = new ConcurrentBag<string>();
        var other = new ConcurrentBag<string>();
        RpcException? sample = null;
        for (var round = 0; round < 200 && exhausted.IsEmpty; round++)
        {
            var ids = Enumerable.Range(0, 16).Select(i => $"df-{round}-{i}").ToList();
            await Task.WhenAll(ids.Select(async id =>
            {
                try
                {
                    await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) },
                        deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(20));
                    accepted.Add(id);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
                {
                    sample = e;
                    exhausted.Add(id);
                }
                catch (RpcException e)
                {
                    other.Add($"{id}: {e.StatusCode}");
                }
            }));
        }

        Assert.True(!exhausted.IsEmpty, $"storage never filled ({disk.Kind})\n{pair.KzNode.Output}");
        Assert.Empty(other);
        Assert.NotNull(sample!.GetRpcStatus()?.GetDetail<RetryInfo>());
        Assert.DoesNotContain("   at ", sample!.Status.Detail, StringComparison.Ordinal);

        await disk.FreeAsync(pair.KzSettings);
        // Recovery on its own: the callers' retries (same ids) are taken once space is back.
        foreach (var id in exhausted)
        {
            await Eventually.SucceedsAsync(() => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) }).ResponseAsync,
                Patience, e => e is RpcException { StatusCode: StatusCode.ResourceExhausted }, () => $"resubmit {id} ({disk.Kind})");
        }

        // Nothing answered OK is lost: every accepted notice reaches TM and is acknowledged.
        var total = accepted.Count + exhausted.Count;
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == total,
            Patience, () => $"acknowledged of {total} ({disk.Kind})\n{pair.Logs()}");
        Assert.Equal(accepted.Concat(exhausted).Order(), subscriber.Received.Keys.Order());

        await Eventually.TrueAsync(() => Task.FromResult(pair.KzNode.Output.Contains("Storage recovered after", StringComparison.Ordinal)),
            Patience, () => "no recovery line");
        var lines = pair.KzNode.Output.Split('\n');
        Assert.Single(lines, l => l.Contains("Storage full:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Storage recovered after", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }
}
