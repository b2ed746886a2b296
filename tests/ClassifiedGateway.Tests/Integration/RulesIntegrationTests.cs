using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The rules module through two real nodes: refusals with articles, overdue flags, termination, both nodes checking.</summary>
public sealed class RulesIntegrationTests
{
    private const string KzCb = Notices.KzCompetentBody;
    private const string TmCb = Notices.TmCompetentBody;
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;
    private const string Start = "2027-03-10T06:00:00+00:00";

    [Fact]
    public async Task A_transfer_without_clearance_is_refused_and_with_it_accepted()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));

        var refused = await x.RefusedAsync(Party.Kz, "early-transfer", Case.TransferNotice, KzAb, TmAb);

        var info = RpcAssert.ErrorInfo(refused)!;
        Assert.Equal("TRANSFER_NEEDS_CLEARANCE", info.Reason);
        Assert.Equal("Art. 5.1", info.Metadata["article"]);
        Assert.Equal("envelope.receiver_body", info.Metadata["fields"]);
        Assert.StartsWith("Art. 5.1: no clearance confirmation is held for 'tm-ab-1'", refused.Status.Detail, StringComparison.Ordinal);

        await GrantClearanceAsync(x, ClassificationLevel.TopSecret);
        await x.SendAsync(Party.Kz, "cleared-transfer", Case.TransferNotice, KzAb, TmAb);
        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "cleared-transfer" })).Message;
        Assert.NotEqual(Stage.Refused, record.Stage);
        Assert.Contains(record.Obligations, o => o.RuleId == "RECEIPT_CONFIRMATION_DUE" && o.Policy);
    }

    [Fact]
    public async Task A_receipt_not_confirmed_in_time_is_flagged_overdue_on_both_nodes_after_the_clock_advances()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await GrantClearanceAsync(x, ClassificationLevel.Secret);
        await x.SendAsync(Party.Kz, "late-receipt", Case.TransferNotice, KzAb, TmAb);
        Assert.Equal(0, (await pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest())).OverdueObligations);

        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            await node.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1)) });
        }

        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            await Eventually.TrueAsync(async () => (await node.Operator.ListObligationsAsync(new ListObligationsRequest { OverdueOnly = true }))
                .Obligations.Any(o => o.MessageId == "late-receipt" && o.RuleId == "RECEIPT_CONFIRMATION_DUE"), TimeSpan.FromSeconds(30), pair.Logs);
        }

        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "late-receipt" })).Message;
        Assert.Contains(record.History, h => h.EventKind == EventKind.Overdue && h.Detail.Contains("policy, not treaty text", StringComparison.Ordinal));
        Assert.Equal(TmAb, record.Obligations.Single(o => o.RuleId == "RECEIPT_CONFIRMATION_DUE").DebtorBody);

        // The receipt closes the obligation, late as it is.
        await x.SendAsync(Party.Tm, "the-receipt", Case.ReceiptConfirmation, TmAb, KzAb, e =>
        {
            e.InReplyTo = "late-receipt";
            e.ReceiptConfirmation.TransferId = "late-receipt";
        });
        await Eventually.TrueAsync(async () => (await pair.KzNode.Operator.ListObligationsAsync(new ListObligationsRequest { OpenOnly = true }))
            .Obligations.All(o => o.MessageId != "late-receipt"), TimeSpan.FromSeconds(30), pair.Logs);
    }

    [Fact]
    public async Task Termination_is_pending_until_six_months_after_the_recorded_receipt_then_transfers_stop_and_breaches_still_flow()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await GrantClearanceAsync(x, ClassificationLevel.TopSecret, validUntil: new CalendarDate { Year = 2030, Month = 1, Day = 1 });

        await x.SendAsync(Party.Kz, "termination", Case.TerminationNotice, KzCb, TmCb);
        await Eventually.TrueAsync(async () => (await StateAsync(pair.KzNode)).Status == AgreementStatus.TerminationPending,
            TimeSpan.FromSeconds(30), pair.Logs);
        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            var state = await StateAsync(node);
            Assert.Equal(AgreementStatus.TerminationPending, state.Status);
            Assert.Equal(new CalendarDate { Year = 2027, Month = 3, Day = 10 }, state.TerminationReceivedOn);
            Assert.Equal(new CalendarDate { Year = 2027, Month = 9, Day = 10 }, state.TerminatesOn);
            Assert.Equal(new CalendarDate { Year = 2027, Month = 9, Day = 10 }, state.LastDayInForce);
            Assert.Equal(TerminationReading.CivilCode, state.TerminationReading);
        }

        var second = await x.RefusedAsync(Party.Tm, "termination-2", Case.TerminationNotice, TmCb, KzCb);
        Assert.Equal("TERMINATION_ALREADY_PENDING", RpcAssert.ErrorInfo(second)!.Reason);
        await x.SendAsync(Party.Kz, "transfer-while-pending", Case.TransferNotice, KzAb, TmAb);

        // Civil-code reading (the default): still in force on 10 September, until 23:59 in UTC+05:00.
        await AdvanceToAsync(pair, DateTimeOffset.Parse("2027-09-10T18:59:00+00:00"));
        Assert.Equal(AgreementStatus.TerminationPending, (await StateAsync(pair.KzNode)).Status);
        await AdvanceToAsync(pair, DateTimeOffset.Parse("2027-09-10T19:00:30+00:00"));
        Assert.Equal(AgreementStatus.Terminated, (await StateAsync(pair.KzNode)).Status);
        Assert.Equal(AgreementStatus.Terminated, (await StateAsync(pair.TmNode)).Status);

        var late = new Exchange(pair, DateTimeOffset.Parse("2027-09-10T19:00:30+00:00"));
        var refused = await late.RefusedAsync(Party.Kz, "transfer-after", Case.TransferNotice, KzAb, TmAb);
        Assert.Equal("AGREEMENT_TERMINATED", RpcAssert.ErrorInfo(refused)!.Reason);
        Assert.Equal("Art. 15.2, 15.3", RpcAssert.ErrorInfo(refused)!.Metadata["article"]);
        await late.SendAsync(Party.Kz, "breach-after", Case.BreachNotification, KzCb, TmCb, e => e.BreachNotification.TransferId = "transfer-while-pending");
        await Eventually.TrueAsync(() => Task.FromResult(tmSystems.Received.ContainsKey("breach-after")), TimeSpan.FromSeconds(30), pair.Logs);
    }

    [Fact]
    public async Task The_receiving_node_refuses_what_it_must_not_accept_and_the_sender_sees_refused_by_peer()
    {
        // TM's configuration says the agreement is not in force yet; KZ's says it is. TM must not trust KZ's check.
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Clock:StartAt"] = Start;
            if (s.Party == Party.Tm)
            {
                s.Extra["Gateway:Rules:EntryIntoForce"] = "2030-01-01";
            }
        });
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        var envelope = Notices.Envelope("ccr-refused-by-peer", Party.Kz, x.Now, Case.ClearanceConfirmationRequest);

        var accepted = await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope });
        Assert.Equal(Stage.Accepted, accepted.Stage);
        await Eventually.TrueAsync(async () => (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = envelope.Id })).Message.Stage == Stage.RefusedByPeer,
            TimeSpan.FromSeconds(30), pair.Logs);
        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = envelope.Id })).Message;
        Assert.Equal("AGREEMENT_NOT_IN_FORCE", record.Refusal.RuleId);
        Assert.Equal("Art. 15.1", record.Refusal.Article);

        // And a notice its peer should never have accepted, sent straight to TM's peer listener: a transfer with no clearance.
        var transfer = Notices.Envelope("smuggled-transfer", Party.Kz, x.Now, Case.TransferNotice);
        transfer.SenderBody = KzAb;
        transfer.ReceiverBody = TmAb;
        var response = await pair.TmNode.PeerService.RelayAsync(new RelayRequest
        {
            FromParty = Party.Kz,
            Notices = { PeerImpersonation.Signed(pair.TmSettings, transfer, 1_000_000, x.Now) },
        });
        var receipt = Assert.Single(response.Receipts);
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Contains(receipt.Refusal.RuleId, new[] { "AGREEMENT_NOT_IN_FORCE", "TRANSFER_NEEDS_CLEARANCE" });
    }

    private static async Task GrantClearanceAsync(Exchange x, ClassificationLevel level, CalendarDate? validUntil = null)
    {
        await x.SendAsync(Party.Kz, $"ccr-{level}", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(Party.Tm, $"cc-{level}", Case.ClearanceConfirmation, TmCb, KzCb, e =>
        {
            e.InReplyTo = $"ccr-{level}";
            e.ClearanceConfirmation = new()
            {
                AuthorizedBodyId = TmAb,
                Confirmed = true,
                LevelHeld = level,
                ValidUntil = validUntil ?? new CalendarDate { Year = 2027, Month = 12, Day = 31 },
            };
        });
    }

    private static async Task<AgreementState> StateAsync(NodeProcess node) =>
        (await node.Operator.GetAgreementStateAsync(new GetAgreementStateRequest())).State;

    private static async Task AdvanceToAsync(NodePair pair, DateTimeOffset target)
    {
        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            var now = (await node.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
            if (target > now)
            {
                await node.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(target - now) });
            }
        }
    }
}
