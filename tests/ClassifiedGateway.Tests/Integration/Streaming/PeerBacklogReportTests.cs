using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Streaming;

/// <summary>Each batch on the relay stream carries the sender's own relay backlog, and the receiving node paces its submits on
/// it. Before, a node heard of the other's backlog only in the answers to its own batches: once it had paced its submits and
/// drained its outbox it sent nothing, heard nothing, and kept pacing on a stale count for up to 2 s while both nodes idled
/// (streaming 16 in the e2e benchmark: 1,723 acked/s, CPU idle swinging to 80 %).</summary>
public sealed class PeerBacklogReportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_relay_stream_tells_the_other_node_how_many_entries_wait_with_each_batch()
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        await using var peer = await ScriptedPeer.StartAsync(pair.TmSettings, pair.KzSettings, (_, _) => null, stream: true);
        var ids = Enumerable.Range(0, 5).Select(i => $"backlog-{i}").ToList();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ids, TimeProvider.System.GetUtcNow());

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Relayed, Direction.Outbound) == ids.Count, Patience, pair.Logs);

        var batches = ((StreamingScriptedPeerService)peer.Service).StreamBacklogs.ToList();
        Assert.NotEmpty(batches);
        // Read just before sending: at least the batch itself waits (an entry leaves the outbox only when its receipt is recorded).
        Assert.All(batches, b => Assert.True(b.Backlog >= (ulong)b.Entries, $"backlog {b.Backlog} for a batch of {b.Entries}"));
    }

    [Fact]
    public async Task A_backlog_the_other_node_sends_with_a_batch_paces_this_nodes_submits_up_to_what_it_can_owe_until_it_reports_it_drained()
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Admission:MaxRelayBacklog"] = "5";
            s.Extra["Gateway:Admission:ResumeRelayBacklog"] = "2";
            s.Extra["Gateway:Admission:RelayBacklogPoll"] = "00:00:00.020";
        });
        // TM's six notices are stored at KZ and not delivered (KZ has no subscriber): KZ can owe TM at most 12 status reports.
        var now = (await pair.TmNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        for (var i = 0; i < 6; i++)
        {
            await pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation($"owed-{i}", Party.Tm, now) });
        }

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.TmNode, Stage.Relayed, Direction.Outbound) == 6, Patience, pair.Logs);
        await Eventually.TrueAsync(async () => await Metrics.ValueAsync(pair.TmSettings, "gateway_admission_relay_pacing") == 0, Patience, pair.Logs);
        using var call = pair.TmNode.PeerService.RelayStream();
        var batch = 0L;

        // KZ has nothing more to send TM, so only its batches (here: empty batches of reports) can tell TM its backlog. It
        // claims 5,000; TM believes 12 of them, which is still above its bound of 5.
        await call.RequestStream.WriteAsync(Reports(++batch, backlog: 5_000));
        Assert.True(await call.ResponseStream.MoveNext());
        await Eventually.TrueAsync(async () => await Metrics.ValueAsync(pair.TmSettings, "gateway_admission_relay_pacing") == 1, Patience, pair.Logs);
        Assert.Equal(12, await Metrics.ValueAsync(pair.TmSettings, "gateway_admission_relay_backlog"));

        await call.RequestStream.WriteAsync(Reports(++batch, backlog: 0));
        Assert.True(await call.ResponseStream.MoveNext());
        await Eventually.TrueAsync(async () => await Metrics.ValueAsync(pair.TmSettings, "gateway_admission_relay_pacing") == 0, Patience, pair.Logs);
        Assert.Contains("Pacing over (the backlog fell to the low-water mark)", pair.TmNode.Output, StringComparison.Ordinal);
        await call.RequestStream.CompleteAsync();
    }

    private static RelayStreamRequest Reports(long batch, ulong backlog) => new()
    {
        Batch = batch,
        Reports = new RelayStatusRequest { FromParty = Party.Kz, SentAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()) },
        Backlog = backlog,
    };
}
