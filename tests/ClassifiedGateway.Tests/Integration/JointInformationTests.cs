using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Art. 6.3 through two real nodes: joint creation is declared and confirmed, a change to joint information needs
/// the other co-creator's agreement to that change, and a receiver cannot lower what it received by calling it joint.</summary>
public sealed class JointInformationTests
{
    private const string KzCb = Notices.KzCompetentBody;
    private const string TmCb = Notices.TmCompetentBody;
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;
    private const string Start = "2027-03-10T06:00:00+00:00";

    [Fact]
    public async Task Joint_information_is_a_recorded_fact_and_its_change_needs_the_other_co_creators_agreement()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start, System.Globalization.CultureInfo.InvariantCulture));

        // Every joint notice below that is accepted is sent by the authorized bodies' own systems, on their own certificates.
        await SendAsAsync(x, Party.Kz, "decl", Case.JointCreationNotice, KzAb, TmAb, e => e.JointCreationNotice.InformationId = "joint-report");

        // Declared but not confirmed: not joint yet, for either co-creator.
        var unconfirmed = await x.RefusedAsync(Party.Tm, "change-early", Case.ClassificationChange, TmAb, KzAb, e => JointChange(e, "decl", ClassificationLevel.Secret));
        AssertRefused(unconfirmed, "JOINT_INFORMATION_NOT_RECORDED", "classification_change.joint_information_id");

        // A confirmation naming other information is refused; the right one makes it joint.
        var wrong = await x.RefusedAsync(Party.Tm, "conf-wrong", Case.JointCreationConfirmation, TmAb, KzAb, e =>
        {
            e.InReplyTo = "decl";
            e.JointCreationConfirmation = new() { InformationId = "another-report", Confirmed = true };
        });
        AssertRefused(wrong, "JOINT_CONFIRMATION_MISMATCH", "joint_creation_confirmation.information_id");
        await SendAsAsync(x, Party.Tm, "conf", Case.JointCreationConfirmation, TmAb, KzAb, e =>
        {
            e.InReplyTo = "decl";
            e.JointCreationConfirmation = new() { InformationId = "joint-report", Confirmed = true };
        });

        // Joint now, but citing the declaration (a notice of the other Party) is no agreement.
        var noAgreement = await x.RefusedAsync(Party.Tm, "change-no-agreement", Case.ClassificationChange, TmAb, KzAb, e => JointChange(e, "decl", ClassificationLevel.Secret));
        AssertRefused(noAgreement, "JOINT_CHANGE_NEEDS_AGREEMENT", "classification_change.joint_agreement_reference");

        // Another authorized body of Kazakhstan did not create it, so it cannot agree for it.
        var outsider = Notices.Envelope("agree-outsider", Party.Kz, x.Now, Case.JointClassificationChangeAgreement);
        outsider.SenderBody = "kz-ab-2";
        outsider.ReceiverBody = TmAb;
        outsider.JointClassificationChangeAgreement = new() { InformationId = "joint-report", NewLevel = ClassificationLevel.Secret };
        var notCoCreator = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => x.Node(Party.Kz).PartyAs("kz-ab-2").SubmitAsync(new SubmitRequest { Envelope = outsider }).ResponseAsync);
        AssertRefused(notCoCreator, "JOINT_INFORMATION_NOT_RECORDED", "envelope.sender_body");

        await SendAsAsync(x, Party.Kz, "agree", Case.JointClassificationChangeAgreement, KzAb, TmAb, e =>
            e.JointClassificationChangeAgreement = new() { InformationId = "joint-report", NewLevel = ClassificationLevel.Secret });

        var otherLevel = await x.RefusedAsync(Party.Tm, "change-other-level", Case.ClassificationChange, TmAb, KzAb, e => JointChange(e, "agree", ClassificationLevel.OfSpecialImportance));
        AssertRefused(otherLevel, "JOINT_CHANGE_NEEDS_AGREEMENT", "classification_change.joint_agreement_reference");
        Assert.Contains("not level OfSpecialImportance", otherLevel.Status.Detail, StringComparison.Ordinal);

        // The agreed change goes through and both nodes hold it as accepted.
        await SendAsAsync(x, Party.Tm, "change", Case.ClassificationChange, TmAb, KzAb, e => JointChange(e, "agree", ClassificationLevel.Secret));
        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            var record = (await node.Party.GetMessageAsync(new GetMessageRequest { MessageId = "change" })).Message;
            Assert.DoesNotContain(record.Stage, new[] { Stage.Refused, Stage.RefusedByPeer });
            Assert.True(record.Refusal is null || record.Refusal.RuleId.Length == 0, record.Refusal?.RuleId);
        }
    }

    [Fact]
    public async Task A_receiver_cannot_lower_what_it_received_by_calling_it_joint_and_the_receiving_node_checks_too()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start, System.Globalization.CultureInfo.InvariantCulture));
        await x.SendAsync(Party.Kz, "ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(Party.Tm, "cc", Case.ClearanceConfirmation, TmCb, KzCb, e =>
        {
            e.InReplyTo = "ccr";
            e.ClearanceConfirmation = new()
            {
                AuthorizedBodyId = TmAb, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret,
                ValidUntil = new CalendarDate { Year = 2027, Month = 12, Day = 31 },
            };
        });
        await x.SendAsync(Party.Kz, "transfer", Case.TransferNotice, KzAb, TmAb, e =>
        {
            e.Level = ClassificationLevel.TopSecret;
            e.TransferNotice.Carriers[0].Level = ClassificationLevel.TopSecret;
        });

        // TM names the transfer as joint information and cites a KZ notice as "agreement": refused at TM's node.
        var claimed = await x.RefusedAsync(Party.Tm, "lowering", Case.ClassificationChange, TmAb, KzAb, e => JointChange(e, "transfer", ClassificationLevel.Secret, information: "transfer"));
        AssertRefused(claimed, "JOINT_INFORMATION_NOT_RECORDED", "classification_change.joint_information_id");
        Assert.Contains("Art. 6.3", claimed.Status.Detail, StringComparison.Ordinal);

        // Naming the transfer itself while claiming joint creation is malformed.
        var named = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => x.Node(Party.Tm).Party.SubmitAsync(new SubmitRequest
        {
            Envelope = Build(x, "lowering-2", e =>
            {
                JointChange(e, "transfer", ClassificationLevel.Secret, information: "transfer");
                e.ClassificationChange.TransferId = "transfer";
            }),
        }).ResponseAsync);
        Assert.Contains("classification_change.transfer_id", RpcAssert.BadFields(named));

        // The same claim relayed straight to KZ's peer listener, as a TM node that skipped its own check: KZ refuses it.
        var forged = Build(x, "lowering-forged", e => JointChange(e, "transfer", ClassificationLevel.Secret, information: "transfer"));
        var response = await pair.KzNode.PeerService.RelayAsync(new RelayRequest
        {
            FromParty = Party.Tm,
            Notices = { PeerImpersonation.Signed(pair.KzSettings, forged, 1_000_000, x.Now) },
        });
        var receipt = Assert.Single(response.Receipts);
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Equal("JOINT_INFORMATION_NOT_RECORDED", receipt.Refusal.RuleId);
        Assert.Equal("Art. 6.3", receipt.Refusal.Article);

        // The originator's own change of the transfer still goes through: the joint rules leave transferred information alone.
        await x.SendAsync(Party.Kz, "kz-change", Case.ClassificationChange, KzAb, TmAb, e =>
        {
            e.ClassificationChange = new() { TransferId = "transfer", NewLevel = ClassificationLevel.Secret, DecidedAt = e.CreatedAt };
        });
    }

    /// <summary>Submits on the sending authorized body's own certificate and waits until the other node stored it.</summary>
    private static async Task SendAsAsync(Exchange x, Party from, string id, Case kind, string sender, string receiver, Action<Envelope> configure)
    {
        var e = Notices.Envelope(id, from, x.Now, kind);
        e.SenderBody = sender;
        e.ReceiverBody = receiver;
        e.InReplyTo = "";
        configure(e);
        await x.Node(from).PartyAs(sender).SubmitAsync(new SubmitRequest { Envelope = e });
        await x.ArrivedAsync(from == Party.Kz ? Party.Tm : Party.Kz, id);
    }

    private static Envelope Build(Exchange x, string id, Action<Envelope> configure)
    {
        var e = Notices.Envelope(id, Party.Tm, x.Now, Case.ClassificationChange);
        e.SenderBody = TmAb;
        e.ReceiverBody = KzAb;
        configure(e);
        return e;
    }

    private static void JointChange(Envelope e, string agreement, ClassificationLevel level, string information = "joint-report") =>
        e.ClassificationChange = new()
        {
            JointlyCreated = true, JointInformationId = information, JointAgreementReference = agreement,
            NewLevel = level, DecidedAt = e.CreatedAt,
        };

    private static void AssertRefused(RpcException refused, string reason, string field)
    {
        var info = RpcAssert.ErrorInfo(refused)!;
        Assert.Equal(reason, info.Reason);
        Assert.Equal("Art. 6.3", info.Metadata["article"]);
        Assert.Equal(field, info.Metadata["fields"]);
    }
}
