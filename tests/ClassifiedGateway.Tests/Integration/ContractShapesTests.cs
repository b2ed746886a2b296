using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>What a client in another language decodes: one refusal shape wherever a refusal is reported, and flags with structure.</summary>
public sealed class ContractShapesTests
{
    private const string Start = "2027-03-02T06:00:00+00:00";

    [Fact]
    public async Task A_refusal_on_submit_and_a_refusal_on_arrival_have_one_shape()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var now = DateTimeOffset.Parse(Start);
        var envelope = Notices.Envelope("shape-late-visit", Party.Kz, now, Case.VisitRequest);
        envelope.VisitRequest = Notices.Visit(new DateOnly(2027, 3, 31));

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);

        // The Refusal itself travels as a status detail, beside ErrorInfo for generic clients.
        var onSubmit = e.GetRpcStatus()?.GetDetail<Refusal>();
        Assert.NotNull(onSubmit);
        Assert.Equal("VISIT_REQUEST_TOO_LATE", onSubmit.RuleId);
        Assert.Equal("Art. 9.2", onSubmit.Article);
        Assert.Equal(e.Status.Detail, onSubmit.Message);
        Assert.NotEmpty(onSubmit.Fields);
        var info = RpcAssert.ErrorInfo(e)!;
        Assert.Equal(onSubmit.RuleId, info.Reason);
        Assert.Equal(onSubmit.Article, info.Metadata["article"]);
        Assert.Equal(string.Join(",", onSubmit.Fields), info.Metadata["fields"]);
        var stored = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "shape-late-visit" })).Message;
        Assert.Equal(onSubmit, stored.Refusal);

        // The same notice refused by the receiving node: the same message, in the receipt and on the record.
        var smuggled = envelope.Clone();
        smuggled.Id = "shape-smuggled-visit";
        var response = await pair.TmNode.PeerService.RelayAsync(new RelayRequest
        {
            FromParty = Party.Kz,
            Notices = { PeerImpersonation.Signed(pair.TmSettings, smuggled, 1_000_000, now) },
        });
        var onArrival = Assert.Single(response.Receipts).Refusal;
        Assert.Equal(onSubmit.RuleId, onArrival.RuleId);
        Assert.Equal(onSubmit.Article, onArrival.Article);
        Assert.Equal(onSubmit.Fields, onArrival.Fields);
        Assert.Equal(onSubmit.Message, onArrival.Message);
        var atTm = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "shape-smuggled-visit" })).Message;
        Assert.Equal(onArrival, atTm.Refusal);
    }

    [Fact]
    public async Task A_flag_carries_its_rule_id_article_and_message_on_both_nodes()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var now = DateTimeOffset.Parse(Start);
        var envelope = Notices.Envelope("flagged-breach", Party.Kz, now, Case.BreachNotification);
        envelope.BreachNotification.DiscoveredAt = Timestamp.FromDateTimeOffset(now.AddDays(-2));

        var accepted = await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope });
        Assert.Equal(Stage.Accepted, accepted.Stage);

        var sent = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "flagged-breach" })).Message;
        var flag = Assert.Single(sent.RuleFlags);
        Assert.Equal("BREACH_NOTIFICATION_LATE", flag.RuleId);
        Assert.Equal("Art. 11", flag.Article);
        Assert.False(string.IsNullOrWhiteSpace(flag.Message));
        Assert.DoesNotContain("BREACH_NOTIFICATION_LATE", flag.Message, StringComparison.Ordinal);
#pragma warning disable CS0612 // The deprecated sentences are still filled for one release.
        Assert.Equal([flag.Message], sent.Flags);
#pragma warning restore CS0612
        Assert.Contains(sent.History, h => h.EventKind == EventKind.Flag && h.Detail == $"{flag.RuleId}: {flag.Message}");

        // The receiving node runs the same rules on arrival, judged at the sender's acceptance time: the same flag.
        MessageRecord? received = null;
        await Eventually.SucceedsAsync(
            async () => received = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "flagged-breach" })).Message,
            TimeSpan.FromSeconds(30), e => e is RpcException { StatusCode: StatusCode.NotFound }, pair.Logs);
        Assert.Equal(flag, Assert.Single(received!.RuleFlags));
    }
}
