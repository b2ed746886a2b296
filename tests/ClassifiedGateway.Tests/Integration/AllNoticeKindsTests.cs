using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Tests.Harness;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Every notice kind travels KZ → TM in a coherent exchange the rules accept, is delivered to TM's subscriber,
/// and its acknowledgement comes back to KZ.</summary>
public sealed class AllNoticeKindsTests
{
    private const string KzCb = Notices.KzCompetentBody;
    private const string TmCb = Notices.TmCompetentBody;
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;

    [Fact]
    public async Task Every_kind_is_delivered_and_acknowledged_with_every_stage_recorded()
    {
        await using var pair = await NodePair.StartAsync();
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
        await using var kzSystems = new TestSubscriber(() => pair.KzNode.Party);
        var now = (await pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
        var x = new Exchange(pair, now);

        await RunAsync(x);

        var fromKz = x.Sent.Where(e => e.SenderParty == Party.Kz).ToList();
        Assert.Equal(NoticeKinds.All.Select(k => k.Case).Order(), fromKz.Select(e => e.NoticeCase).Distinct().Order());
        await Eventually.TrueAsync(async () =>
        {
            foreach (var e in fromKz)
            {
                var stage = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = e.Id })).Message.Stage;
                if (stage is not (Stage.Acknowledged or Stage.Answered))
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(60), pair.Logs);

        foreach (var e in fromKz)
        {
            var sent = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = e.Id })).Message;
            Assert.Equal(Direction.Outbound, sent.Direction);
            var stages = sent.History.Where(h => h.EventKind == EventKind.Stage).Select(h => h.Stage).ToHashSet();
            Assert.Superset(new HashSet<Stage> { Stage.Accepted, Stage.Relayed, Stage.Delivered, Stage.Acknowledged }, stages);
            Assert.Equal(ReceiptStatus.Stored, sent.Receipt.Status);
            Assert.Equal(32, sent.Receipt.EnvelopeDigest.Length);

            var received = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = e.Id })).Message;
            Assert.Equal(Direction.Inbound, received.Direction);
            Assert.Equal(e, received.Envelope);
            Assert.True(tmSystems.Received.ContainsKey(e.Id), e.Id);
        }

        Assert.Empty(tmSystems.SilentDuplicates());
        Assert.Equal(Stage.Answered, (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "k-ccr" })).Message.Stage);
    }

    /// <summary>KZ sends every kind; TM sends what KZ's answers and handling notices rely on.</summary>
    private static async Task RunAsync(Exchange x)
    {
        var k = Party.Kz;
        var t = Party.Tm;
        var nextYear = new CalendarDate { Year = x.Now.Year + 1, Month = 1, Day = 31 };

        await x.SendAsync(k, "k-ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(t, "t-cc", Case.ClearanceConfirmation, TmCb, KzCb, e =>
        {
            e.InReplyTo = "k-ccr";
            e.ClearanceConfirmation = new() { AuthorizedBodyId = TmAb, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = nextYear };
        });
        await x.SendAsync(k, "k-contract", Case.ContractRegistration, KzAb, TmAb, e => e.ContractRegistration.Items[0].Level = ClassificationLevel.TopSecret);
        await x.SendAsync(k, "k-arr", Case.TransportArrangement, KzAb, TmAb);
        await x.SendAsync(t, "t-arr", Case.TransportArrangement, TmAb, KzAb, e =>
        {
            e.InReplyTo = "k-arr";
            e.TransportArrangement.Agreed = true;
        });
        await x.SendAsync(k, "k-transfer", Case.TransferNotice, KzAb, TmAb, e =>
        {
            e.TransferNotice.Channel = TransferChannel.SpecialArrangement;
            e.TransferNotice.TransportArrangementId = "a-1";
            e.TransferNotice.ContractReference = "k-1";
        });
        await x.SendAsync(k, "k-class", Case.ClassificationChange, KzAb, TmAb, e =>
        {
            e.ClassificationChange.TransferId = "k-transfer";
            e.ClassificationChange.NewLevel = ClassificationLevel.TopSecret;
            e.Level = ClassificationLevel.TopSecret;
        });

        await x.SendAsync(t, "t-copyreq", Case.CopyRequest, TmAb, KzAb, e => e.CopyRequest.TransferId = "k-transfer");
        await x.SendAsync(k, "k-copyperm", Case.CopyPermission, KzAb, TmAb, e => e.InReplyTo = "t-copyreq");
        await x.SendAsync(t, "t-destreq", Case.DestructionRequest, TmAb, KzAb, e => e.DestructionRequest.TransferId = "k-transfer");
        await x.SendAsync(k, "k-destagr", Case.DestructionAgreement, KzAb, TmAb, e => e.InReplyTo = "t-destreq");
        await x.SendAsync(t, "t-tpreq", Case.ThirdPartyDisclosureRequest, TmAb, KzAb, e => e.ThirdPartyDisclosureRequest.TransferId = "k-transfer");
        await x.SendAsync(k, "k-tpconsent", Case.ThirdPartyDisclosureConsent, KzAb, TmAb, e => e.InReplyTo = "t-tpreq");
        await x.SendAsync(t, "t-visit", Case.VisitRequest, TmCb, KzCb);
        await x.SendAsync(k, "k-visitdec", Case.VisitDecision, KzCb, TmCb, e => e.InReplyTo = "t-visit");

        await x.SendAsync(t, "t-ccr", Case.ClearanceConfirmationRequest, TmCb, KzCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = KzAb);
        await x.SendAsync(k, "k-cc", Case.ClearanceConfirmation, KzCb, TmCb, e =>
        {
            e.InReplyTo = "t-ccr";
            e.ClearanceConfirmation.AuthorizedBodyId = KzAb;
        });
        await x.SendAsync(t, "t-transfer", Case.TransferNotice, TmAb, KzAb);
        await x.SendAsync(k, "k-receipt", Case.ReceiptConfirmation, KzAb, TmAb, e =>
        {
            e.InReplyTo = "t-transfer";
            e.ReceiptConfirmation.TransferId = "t-transfer";
        });
        await x.SendAsync(k, "k-copyreq", Case.CopyRequest, KzAb, TmAb, e => e.CopyRequest.TransferId = "t-transfer");
        await x.SendAsync(t, "t-copyperm", Case.CopyPermission, TmAb, KzAb, e => e.InReplyTo = "k-copyreq");
        await x.SendAsync(k, "k-copynotice", Case.CopyNotice, KzAb, TmAb, e => e.CopyNotice = new() { TransferId = "t-transfer", Copies = 2, CopyPermissionId = "t-copyperm" });
        await x.SendAsync(k, "k-destreq", Case.DestructionRequest, KzAb, TmAb, e => e.DestructionRequest.TransferId = "t-transfer");
        await x.SendAsync(t, "t-destagr", Case.DestructionAgreement, TmAb, KzAb, e => e.InReplyTo = "k-destreq");
        await x.SendAsync(k, "k-destnotice", Case.DestructionNotice, KzAb, TmAb, e =>
        {
            e.DestructionNotice.TransferId = "t-transfer";
            e.DestructionNotice.DestructionAgreementId = "t-destagr";
        });
        await x.SendAsync(k, "k-tpreq", Case.ThirdPartyDisclosureRequest, KzAb, TmAb, e =>
        {
            e.ThirdPartyDisclosureRequest.TransferId = "t-transfer";
            e.ThirdPartyDisclosureRequest.ThirdParty = "Y";
        });
        await x.SendAsync(t, "t-tpconsent", Case.ThirdPartyDisclosureConsent, TmAb, KzAb, e =>
        {
            e.InReplyTo = "k-tpreq";
            e.ThirdPartyDisclosureConsent.Granted = true;
        });
        await x.SendAsync(k, "k-tpnotice", Case.ThirdPartyDisclosureNotice, KzAb, TmAb, e =>
            e.ThirdPartyDisclosureNotice = new() { TransferId = "t-transfer", ThirdParty = "Y", ConsentId = "t-tpconsent" });
        // Art. 6.3: information created jointly, declared by each side and confirmed by the other; then a change agreed.
        await x.SendAsync(t, "t-joint", Case.JointCreationNotice, TmAb, KzAb, e => e.JointCreationNotice.InformationId = "j-tm");
        await x.SendAsync(k, "k-jointconf", Case.JointCreationConfirmation, KzAb, TmAb, e =>
        {
            e.InReplyTo = "t-joint";
            e.JointCreationConfirmation.InformationId = "j-tm";
        });
        await x.SendAsync(k, "k-joint", Case.JointCreationNotice, KzAb, TmAb, e => e.JointCreationNotice.InformationId = "j-kz");
        await x.SendAsync(t, "t-jointconf", Case.JointCreationConfirmation, TmAb, KzAb, e =>
        {
            e.InReplyTo = "k-joint";
            e.JointCreationConfirmation.InformationId = "j-kz";
        });
        await x.SendAsync(k, "k-jointagr", Case.JointClassificationChangeAgreement, KzAb, TmAb, e => e.JointClassificationChangeAgreement.InformationId = "j-tm");
        await x.SendAsync(t, "t-jointclass", Case.ClassificationChange, TmAb, KzAb, e =>
        {
            e.ClassificationChange = new()
            {
                JointlyCreated = true, JointInformationId = "j-tm", JointAgreementReference = "k-jointagr",
                NewLevel = ClassificationLevel.Secret, DecidedAt = e.CreatedAt,
            };
        });
        await x.SendAsync(k, "k-breach", Case.BreachNotification, KzCb, TmCb, e => e.BreachNotification.TransferId = "t-transfer");
        await x.SendAsync(k, "k-invest", Case.InvestigationResult, KzCb, TmCb, e => e.InReplyTo = "k-breach");
        await x.SendAsync(k, "k-visit", Case.VisitRequest, KzCb, TmCb);
        await x.SendAsync(k, "k-consult", Case.ConsultationRequest, KzCb, TmCb);
        await x.SendAsync(k, "k-regs", Case.RegulationsExchange, KzCb, TmCb);
        await x.SendAsync(k, "k-domestic", Case.DomesticProceduresCompleted, KzCb, TmCb);
        await x.SendAsync(k, "k-term", Case.TerminationNotice, KzCb, TmCb);
        await x.SendAsync(k, "k-cbc", Case.CompetentBodyChange, KzCb, TmCb, e => e.CompetentBodyChange.PreviousBodyId = KzCb);
    }
}
