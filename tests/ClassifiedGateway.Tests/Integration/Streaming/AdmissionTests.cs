using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>Admission control: RESOURCE_EXHAUSTED with RetryInfo when the node's writer cannot keep up, never because the other
/// node is down.</summary>
public sealed class AdmissionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task While_the_other_node_is_down_an_outbox_far_beyond_the_admission_bound_is_still_taken()
    {
        var pair = NodePair.Create(s =>
        {
            s.Extra["Gateway:Admission:MaxPendingWrites"] = "4";
            s.Extra["Gateway:Limits:StreamInFlight"] = "1";
        });
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 200).Select(i => $"adm-down-{i:D4}").ToList();

        var outcomes = await StreamSubmitter.SubmitAsync(pair.KzNode.Party, StreamSubmitter.Items(ids.Select(id => Notices.Consultation(id, Party.Kz, now))));

        Assert.All(outcomes, o => Assert.Equal(SubmitStreamResponse.OutcomeOneofCase.Accepted, o.OutcomeCase));
        Assert.Equal(ids.Count, await Submitter.CountAsync(pair.KzNode, Stage.Accepted, Direction.Outbound));
    }

    [Fact]
    public async Task A_stalled_writer_turns_new_submits_away_with_retry_info_and_takes_them_again_once_it_catches_up()
    {
        var pair = NodePair.Create(s => s.Extra["Gateway:Admission:MaxPendingWrites"] = "8");
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 40).Select(i => $"adm-stall-{i:D3}").ToList();

        // Another process holds the database's write lock: the node's writer waits (busy timeout) and its queue grows.
        var calls = new List<(string Id, Task<SubmitResponse> Call)>();
        await using (var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = pair.KzSettings.DatabasePath, Pooling = false }.ToString()))
        {
            await blocker.OpenAsync();
            await using var hold = blocker.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();
            calls.AddRange(ids.Select(id => (id, pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) }).ResponseAsync)));
            await Eventually.TrueAsync(() => Task.FromResult(calls.Count(c => c.Call.IsFaulted) >= ids.Count - 8), Patience, pair.Logs);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        var refused = new List<string>();
        foreach (var (id, call) in calls)
        {
            try
            {
                Assert.Equal(Stage.Accepted, (await call).Stage);
            }
            catch (RpcException e)
            {
                Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
                var status = e.GetRpcStatus()!;
                Assert.True(status.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
                Assert.Equal("NODE_OVERLOADED", status.GetDetail<ErrorInfo>().Reason);
                refused.Add(id);
            }
        }

        // At most the bound waited for the writer; everything beyond it was turned away, and nothing turned away was stored.
        Assert.InRange(refused.Count, ids.Count - 8, ids.Count - 1);
        foreach (var id in refused)
        {
            await RpcAssert.FailsAsync(StatusCode.NotFound, () => pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id }).ResponseAsync);
        }

        // Operators see the episode in the metrics.
        var scraped = await Metrics.ScrapeAsync(pair.KzSettings);
        var refusedLine = scraped.Split('\n').Single(l => l.Split('{', ' ')[0] == "gateway_admission_refused");
        Assert.Equal(refused.Count, double.Parse(refusedLine.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

        // Sent again once the writer keeps up, they are taken.
        foreach (var id in refused)
        {
            var again = await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) });
            Assert.False(again.Duplicate);
        }

        Assert.Equal(ids.Count, await Submitter.CountAsync(pair.KzNode, Stage.Accepted, Direction.Outbound));
    }
}
