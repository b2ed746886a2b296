using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>The relay stops retrying what will never succeed: an entry the peer keeps refusing with a non-transient status ends
/// FAILED with that status and the outbox moves on; a transient outage never fails a notice, it only retries. Each against an
/// older peer (no relay stream: UNIMPLEMENTED, so one call at a time) and a current one (the pipelined stream).</summary>
public sealed class RelayRefusalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.FailedPrecondition, false)]
    [InlineData(StatusCode.PermissionDenied, false)]
    [InlineData(StatusCode.InvalidArgument, true)]
    [InlineData(StatusCode.FailedPrecondition, true)]
    public async Task An_entry_refused_for_good_ends_FAILED_with_the_status_and_the_outbox_moves_on(StatusCode refusal, bool stream)
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        var ids = Enumerable.Range(0, 5).Select(i => $"refused-{refusal}-{i}").ToList();
        var poison = ids[2];

        // The peer refuses every call that carries the poison entry.
        await using var peer = await ScriptedPeer.StartAsync(pair.TmSettings, pair.KzSettings,
            (sent, _) => sent.Contains(poison) ? new Status(refusal, "this notice will never be taken") : null, stream);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ids, TimeProvider.System.GetUtcNow());

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Relayed, Direction.Outbound) == 4
                && await StoreFaults.StageAsync(pair.KzNode, poison) == Stage.Failed,
            Patience, pair.Logs);
        var record = await StoreFaults.RecordAsync(pair.KzNode, poison);
        Assert.Equal("RELAY_FAILED", record.Refusal.RuleId);
        Assert.Contains($"{refusal}: this notice will never be taken", record.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Submitter.CountAsync(pair.KzNode, Stage.Accepted, Direction.Outbound));

        // Relayed in acceptance order around the refused one; the refused one was tried alone before it was given up.
        var stored = peer.Service.Calls.Where(c => !c.Contains(poison)).SelectMany(c => c).ToList();
        Assert.Equal(ids.Where(id => id != poison), stored);
        Assert.Equal(3, peer.Service.Calls.Count(c => c.Count == 1 && c[0] == poison));
        Assert.Single(pair.KzNode.Output.Split('\n'), l => l.Contains("given up as FAILED", StringComparison.Ordinal));
        AssertRelayedThe(stream, peer, pair);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, false)]
    [InlineData(StatusCode.ResourceExhausted, false)]
    [InlineData(StatusCode.DeadlineExceeded, false)]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    public async Task A_transient_refusal_never_fails_a_notice_and_every_one_is_relayed_once_it_passes(StatusCode transient, bool stream)
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        var ids = Enumerable.Range(0, 5).Select(i => $"transient-{transient}-{i}").ToList();

        // Well past the attempts a permanent refusal gets, then the peer takes everything.
        await using var peer = await ScriptedPeer.StartAsync(pair.TmSettings, pair.KzSettings,
            (_, call) => call <= 12 ? new Status(transient, "busy, try again") : null, stream);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ids, TimeProvider.System.GetUtcNow());

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Relayed, Direction.Outbound) == ids.Count,
            Patience, pair.Logs);
        Assert.True(peer.Service.Calls.Count > 12, "the peer refused the first calls");
        Assert.Equal(0, await Submitter.CountAsync(pair.KzNode, Stage.Failed, Direction.Outbound));
        Assert.Equal(ids, peer.Service.Calls.Skip(12).SelectMany(c => c).Distinct().ToList());
        // The recovery line follows the recorded receipts: wait for it rather than race it.
        await Eventually.TrueAsync(() => Task.FromResult(pair.KzNode.Output.Contains("Relay to the peer recovered after", StringComparison.Ordinal)),
            Patience, () => "no recovery line");
        var lines = pair.KzNode.Output.Split('\n');
        Assert.Contains($"{transient}: busy, try again", Assert.Single(lines, l => l.Contains("Relay to the peer failing since", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("Relay to the peer recovered after", StringComparison.Ordinal));
        AssertRelayedThe(stream, peer, pair);
    }

    /// <summary>A current peer got the notices on the stream; an older one made the sender fall back to one call at a time.</summary>
    private static void AssertRelayedThe(bool stream, ScriptedPeer peer, NodePair pair)
    {
        var fellBack = pair.KzNode.Output.Contains("has no relay stream (UNIMPLEMENTED)", StringComparison.Ordinal);
        Assert.Equal(!stream, fellBack);
        Assert.Equal(stream, peer.Service.StreamBatches > 0);
    }
}
