using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Body ids belong to their Party (Gateway:Bodies, plus accepted competent-body changes): a notice naming another
/// Party's body on either side is refused on submit and on relay.</summary>
public sealed class BodyRegistryTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task A_TM_notice_whose_sender_body_is_a_KZ_body_is_invalid_and_names_the_field()
    {
        var envelope = Notices.Envelope("tm-as-kz-body", Party.Tm, TimeProvider.System.GetUtcNow(), Case.ContractRegistration);
        envelope.SenderBody = "kz-ab-2";
        envelope.ReceiverBody = Notices.KzAuthorizedBody;
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
        Assert.Equal(["envelope.sender_body"], RpcAssert.BadFields(e));
    }

    [Theory]
    [InlineData("tm-ab-1", "receiver body of the sender's own Party")]
    [InlineData("nobody-known", "a body no one registered")]
    public async Task A_receiver_body_not_of_the_receiver_party_is_invalid_and_names_the_field(string receiver, string why)
    {
        var envelope = Notices.Consultation("to-" + receiver, Party.Tm, TimeProvider.System.GetUtcNow());
        envelope.ReceiverBody = receiver;
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _pair.TmNode.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
        Assert.True(RpcAssert.BadFields(e).SequenceEqual(["envelope.receiver_body"]), why);
    }

    [Fact]
    public async Task The_receiving_node_refuses_a_relayed_notice_whose_sender_body_is_not_of_the_sender_party()
    {
        var envelope = Notices.Envelope("relayed-foreign-body", Party.Kz, TimeProvider.System.GetUtcNow(), Case.ContractRegistration);
        envelope.SenderBody = Notices.TmAuthorizedBody;
        envelope.ReceiverBody = Notices.TmAuthorizedBody;
        var notice = PeerImpersonation.Signed(_pair.TmSettings, envelope, 3_000_001, TimeProvider.System.GetUtcNow());

        var receipt = Assert.Single((await _pair.TmNode.PeerService.RelayAsync(new RelayRequest { FromParty = Party.Kz, Notices = { notice } })).Receipts);

        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Contains("envelope.sender_body", receipt.Refusal.Fields);
        var stored = await _pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "relayed-foreign-body" });
        Assert.Equal(Stage.Refused, stored.Message.Stage);
    }
}

/// <summary>A competent-body change brings its new body id into the sender's Party once the notice is accepted — on both nodes.</summary>
public sealed class CompetentBodyChangeRegistryTests
{
    [Fact]
    public async Task A_new_competent_body_may_send_only_after_its_change_was_accepted()
    {
        await using var pair = await NodePair.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var early = Notices.Consultation("from-new-body-early", Party.Kz, now);
        early.SenderBody = "kz-knb-new";
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = early }).ResponseAsync);
        Assert.Equal(["envelope.sender_body"], RpcAssert.BadFields(e));

        var x = new Exchange(pair, now);
        await x.SendAsync(Party.Kz, "change-to-new-body", Case.CompetentBodyChange, Notices.KzCompetentBody, Notices.TmCompetentBody,
            c => c.CompetentBodyChange.NewBodyId = "kz-knb-new");
        await x.SendAsync(Party.Kz, "from-new-body", Case.ConsultationRequest, "kz-knb-new", Notices.TmCompetentBody);

        var arrived = await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "from-new-body" });
        Assert.NotEqual(Stage.Refused, arrived.Message.Stage);
        Assert.Equal("kz-knb-new", arrived.Message.Envelope.SenderBody);
    }

    [Fact]
    public async Task Production_without_a_body_registry_does_not_start_and_says_why()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NodePair.StartAsync(s => s.Environment = "Production"));
        Assert.Contains("Gateway:Bodies:KZ", e.Message, StringComparison.Ordinal);
    }
}
