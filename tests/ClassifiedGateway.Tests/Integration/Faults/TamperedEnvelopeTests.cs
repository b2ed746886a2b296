using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration.Faults;

/// <summary>A stored envelope changed on disk is quarantined where it is read (receiver's inbox, sender's outbox): FAILED with the
/// reason, an alarm in history and audit, never delivered, relayed or re-signed, and everything behind it flows on in order.</summary>
public sealed class TamperedEnvelopeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_letter_changed_in_a_stored_inbound_envelope_is_quarantined_and_every_later_notice_is_delivered_in_order()
    {
        await using var pair = await NodePair.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var first = Ids("rx-tamper", 0, 5);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, first, now);
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Relayed, Direction.Outbound) == first.Count,
            Patience, pair.Logs);
        var intact = await StoreFaults.VerifyStoreAsync(AuditTrail.Copy(pair.TmSettings, "before"));
        Assert.True(intact.Code == 0, intact.Output);

        // Stored at TM, not yet delivered: stop TM, change one letter of one of them, start it again.
        await pair.TmNode.KillAsync();
        StoreFaults.ChangeOneLetter(pair.TmSettings, "rx-tamper-2");
        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        var later = Ids("rx-tamper", 5, 3);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, later, now);

        var expected = first.Concat(later).Where(id => id != "rx-tamper-2").ToList();
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == expected.Count,
            Patience, () => $"acknowledged; received {string.Join(",", subscriber.Received.Keys)}\n{pair.Logs()}");
        Assert.Equal(expected, subscriber.Deliveries.Select(d => d.Id).Distinct().ToList());
        Assert.DoesNotContain(subscriber.Deliveries, d => d.Id == "rx-tamper-2");

        await AssertQuarantinedAsync(pair.TmNode, pair.TmSettings, "rx-tamper-2");
        // The receiving system may still look it up: the record, without the altered content.
        var shown = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "rx-tamper-2" })).Message;
        Assert.Equal(Stage.Failed, shown.Stage);
        Assert.Equal("", shown.Envelope.CorrelationId);
        Assert.Equal(Notices.TmCompetentBody, shown.Envelope.ReceiverBody);
        var page = await pair.TmNode.Operator.ListMessagesAsync(new ListMessagesRequest { Direction = Direction.Inbound, PageSize = 50 });
        Assert.Equal(8, page.Messages.Count);
        Assert.Equal(Stage.Failed, Assert.Single(page.Messages, m => m.Envelope.Id == "rx-tamper-2").Stage);
        // No evidence is exported for altered content.
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => pair.TmNode.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = "rx-tamper-2" }).ResponseAsync);
        Assert.Equal("QUARANTINED", RpcAssert.ErrorInfo(refused)?.Reason);

        await Eventually.TrueAsync(async () => (await Metrics.ScrapeAsync(pair.TmSettings)).Contains("gateway_quarantined_total{", StringComparison.Ordinal),
            Patience, () => "no gateway_quarantined metric");

        var broken = await StoreFaults.VerifyStoreAsync(AuditTrail.Copy(pair.TmSettings, "after"));
        Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyStoreCommand.Broken, broken.Code);
        var lines = broken.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("BROKEN KZ/kz-knb/rx-", StringComparison.Ordinal)).ToList();
        Assert.Equal("BROKEN KZ/kz-knb/rx-tamper-2: stored envelope does not match the SHA-256 digest kept when it was stored", Assert.Single(lines));
        Assert.DoesNotContain("corr-", broken.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stored_outbound_envelope_that_no_longer_parses_is_quarantined_at_the_sender_never_relayed_and_the_outbox_flows_on()
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = TimeProvider.System.GetUtcNow();
        var first = Ids("tx-tamper", 0, 5);

        // TM is down: the notices wait in KZ's outbox. Stop KZ, break one of them, start both.
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, first, now);
        await pair.KzNode.KillAsync();
        StoreFaults.MakeUnparseable(pair.KzSettings, "tx-tamper-1");
        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.TmNode.Party);
        await pair.StartKzAsync();
        var later = Ids("tx-tamper", 5, 3);
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, later, now);

        var expected = first.Concat(later).Where(id => id != "tx-tamper-1").ToList();
        await Eventually.TrueAsync(async () => await Submitter.CountAsync(pair.KzNode, Stage.Acknowledged, Direction.Outbound) == expected.Count,
            Patience, () => $"acknowledged; received {string.Join(",", subscriber.Received.Keys)}\n{pair.Logs()}");
        Assert.Equal(expected, subscriber.Deliveries.Select(d => d.Id).Distinct().ToList());
        Assert.Equal(expected, await Submitter.IdsInStoreOrderAsync(pair.TmNode, Direction.Inbound));

        await AssertQuarantinedAsync(pair.KzNode, pair.KzSettings, "tx-tamper-1");
        Assert.Equal(0, await Submitter.CountAsync(pair.KzNode, Stage.Accepted, Direction.Outbound));

        // Never relayed nor re-signed: the other node has no trace of it, not even a refusal.
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "tx-tamper-1" }).ResponseAsync);
        Assert.DoesNotContain(AuditTrail.Entries(pair.TmSettings), e => e.MessageId.EndsWith("tx-tamper-1", StringComparison.Ordinal));
        var broken = await StoreFaults.VerifyStoreAsync(AuditTrail.Copy(pair.KzSettings, "after"));
        Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyStoreCommand.Broken, broken.Code);
        Assert.Contains("BROKEN KZ/kz-knb/tx-tamper-1: stored envelope does not match the SHA-256 digest kept when it was stored", broken.Output, StringComparison.Ordinal);
    }

    private static async Task AssertQuarantinedAsync(NodeProcess node, NodeSettings settings, string id)
    {
        var record = await StoreFaults.RecordAsync(node, id);
        Assert.Equal(Stage.Failed, record.Stage);
        Assert.Equal("QUARANTINED", record.Refusal.RuleId);
        Assert.Contains(record.History, h => h.EventKind == EventKind.Alarm && h.Detail.Contains("quarantined", StringComparison.Ordinal));
        Assert.Contains(record.History, h => h.EventKind == EventKind.Stage && h.Stage == Stage.Failed && h.Refusal.RuleId == "QUARANTINED");
        // Audit entries about a stored message carry its store key (ids are unique per sender).
        var key = ClassifiedGateway.Gateway.Domain.MessageKeys.Of(record.Envelope);
        var audit = AuditTrail.Entries(settings).Where(e => e.MessageId == key).ToList();
        Assert.Contains(audit, e => e.Kind == "alarm" && e.Detail.Contains("quarantined", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Kind == "stage:Failed" && e.Detail.StartsWith("QUARANTINED", StringComparison.Ordinal));
        Assert.Single(node.Output.Split('\n'), l => l.Contains("Quarantined message", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    private static List<string> Ids(string prefix, int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"{prefix}-{i}")];
}
