using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Issue 9 through two real nodes: answers bound to what they answer, the originator's word only,
/// investigation results to the transferring Party's competent body, one reason code and one article per fault.</summary>
public sealed class TreatyFidelityTests
{
    private const string KzCb = Notices.KzCompetentBody;
    private const string TmCb = Notices.TmCompetentBody;
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;
    private const string Start = "2027-03-10T06:00:00+00:00";

    [Fact]
    public async Task A_clearance_confirmation_for_another_body_is_refused_on_both_nodes_and_never_clears_that_body()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await x.SendAsync(Party.Kz, "ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);

        var refused = await x.RefusedAsync(Party.Tm, "cc-other", Case.ClearanceConfirmation, TmCb, KzCb, e => Confirm(e, "ccr", "tm-ab-2"));
        var info = RpcAssert.ErrorInfo(refused)!;
        Assert.Equal("CLEARANCE_CONFIRMATION_OTHER_BODY", info.Reason);
        Assert.Equal("Art. 5.1", info.Metadata["article"]);
        Assert.Equal("clearance_confirmation.authorized_body_id", info.Metadata["fields"]);

        // The answer about the body asked about is accepted, and that body alone is cleared.
        await x.SendAsync(Party.Tm, "cc", Case.ClearanceConfirmation, TmCb, KzCb, e => Confirm(e, "ccr", TmAb));
        await x.SendAsync(Party.Kz, "t-ok", Case.TransferNotice, KzAb, TmAb);
        await x.SendAsync(Party.Kz, "ccr-2", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);

        // The same mismatch forged onto KZ's peer listener, as if TM's node had accepted it: KZ's rules refuse it too.
        var forged = Notices.Envelope("cc-forged", Party.Tm, x.Now, Case.ClearanceConfirmation);
        Confirm(forged, "ccr-2", "tm-ab-2");
        var response = await pair.KzNode.PeerService.RelayAsync(new RelayRequest
        {
            FromParty = Party.Tm,
            Notices = { PeerImpersonation.Signed(pair.KzSettings, forged, 1_000_000, x.Now) },
        });
        var receipt = Assert.Single(response.Receipts);
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Equal("CLEARANCE_CONFIRMATION_OTHER_BODY", receipt.Refusal.RuleId);

        // So tm-ab-2 was never cleared: a transfer to it is refused for want of clearance.
        var transfer = await x.RefusedAsync(Party.Kz, "t-to-other", Case.TransferNotice, KzAb, "tm-ab-2");
        Assert.Equal("TRANSFER_NEEDS_CLEARANCE", RpcAssert.ErrorInfo(transfer)!.Reason);
    }

    [Fact]
    public async Task Permissions_are_asked_of_and_given_by_the_originator_only_and_cover_only_what_was_asked()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await ClearAsync(x);
        await x.SendAsync(Party.Kz, "t-1", Case.TransferNotice, KzAb, TmAb, e =>
        {
            e.TransferNotice.Carriers.Add(new Carrier { CarrierId = "c-2", Level = ClassificationLevel.Secret, Description = "SECRET-DESCRIPTION", Copies = 1 });
        });

        // Asked of a body that never held the information: refused, Art. 6.4 / 6.5 / 4.1.5 each.
        foreach (var (kind, article, reason) in new[]
        {
            (Case.CopyRequest, "Art. 6.4", "COPY_REQUEST_NOT_TO_ORIGINATOR"),
            (Case.DestructionRequest, "Art. 6.5", "DESTRUCTION_REQUEST_NOT_TO_ORIGINATOR"),
            (Case.ThirdPartyDisclosureRequest, "Art. 4.1.5", "THIRD_PARTY_REQUEST_NOT_TO_ORIGINATOR"),
        })
        {
            var wrong = await x.RefusedAsync(Party.Tm, $"wrong-{kind}", kind, TmAb, "kz-ab-2", e => About(e, "t-1"));
            Assert.Equal(reason, RpcAssert.ErrorInfo(wrong)!.Reason);
            Assert.Equal(article, RpcAssert.ErrorInfo(wrong)!.Metadata["article"]);
            Assert.Equal("envelope.receiver_body", RpcAssert.ErrorInfo(wrong)!.Metadata["fields"]);
        }

        var unknown = await x.RefusedAsync(Party.Tm, "copy-unknown", Case.CopyRequest, TmAb, KzAb, e => e.CopyRequest.TransferId = "t-none");
        Assert.Equal("COPY_REQUEST_NOT_TO_ORIGINATOR", RpcAssert.ErrorInfo(unknown)!.Reason);

        // Asked of the originator for carrier c-1 and 2 copies: another authorized body cannot answer; its competent body can, within the request.
        await x.SendAsync(Party.Tm, "copy-req", Case.CopyRequest, TmAb, KzAb, e =>
        {
            e.CopyRequest = new() { TransferId = "t-1", CarrierIds = { "c-1" }, Copies = 2 };
        });
        var stranger = await x.RefusedAsync(Party.Kz, "perm-stranger", Case.CopyPermission, "kz-ab-2", TmAb, e => e.InReplyTo = "copy-req");
        Assert.Equal("ANSWER_NOT_BY_ADDRESSEE", RpcAssert.ErrorInfo(stranger)!.Reason);
        Assert.Equal("Art. 6.4", RpcAssert.ErrorInfo(stranger)!.Metadata["article"]);
        var generous = await x.RefusedAsync(Party.Kz, "perm-generous", Case.CopyPermission, KzCb, TmAb, e =>
        {
            e.InReplyTo = "copy-req";
            e.CopyPermission = new() { Granted = true, CopiesPermitted = 3 };
        });
        Assert.Equal("COPY_PERMISSION_BEYOND_REQUEST", RpcAssert.ErrorInfo(generous)!.Reason);
        await x.SendAsync(Party.Kz, "perm", Case.CopyPermission, KzCb, TmAb, e =>
        {
            e.InReplyTo = "copy-req";
            e.CopyPermission = new() { Granted = true, CopiesPermitted = 2 };
        });

        var beyond = await x.RefusedAsync(Party.Tm, "copies-c2", Case.CopyNotice, TmAb, KzAb, e =>
            e.CopyNotice = new() { TransferId = "t-1", CarrierIds = { "c-2" }, Copies = 1, CopyPermissionId = "perm" });
        Assert.Equal("COPY_WITHOUT_PERMISSION", RpcAssert.ErrorInfo(beyond)!.Reason);
        Assert.Equal("copy_notice.carrier_ids", RpcAssert.ErrorInfo(beyond)!.Metadata["fields"]);
        await x.SendAsync(Party.Tm, "copies-c1", Case.CopyNotice, TmAb, KzAb, e =>
            e.CopyNotice = new() { TransferId = "t-1", CarrierIds = { "c-1" }, Copies = 2, CopyPermissionId = "perm" });
    }

    [Fact]
    public async Task An_authorized_body_notifies_a_breach_and_the_results_go_to_the_transferring_Partys_competent_body()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await ClearAsync(x);
        await x.SendAsync(Party.Kz, "t-1", Case.TransferNotice, KzAb, TmAb);

        // Art. 11.1: "the authorized or competent body" notifies — TM's authorized body's own system sends it.
        var breach = Notices.Envelope("breach", Party.Tm, x.Now, Case.BreachNotification);
        breach.SenderBody = TmAb;
        breach.ReceiverBody = KzAb;
        breach.BreachNotification.TransferId = "t-1";
        await pair.TmNode.PartyAs(TmAb).SubmitAsync(new SubmitRequest { Envelope = breach });
        await x.ArrivedAsync(Party.Kz, "breach");

        var misaddressed = await x.RefusedAsync(Party.Tm, "result-to-ab", Case.InvestigationResult, TmCb, KzAb, e => e.InReplyTo = "breach");
        var info = RpcAssert.ErrorInfo(misaddressed)!;
        Assert.Equal("INVESTIGATION_RESULT_NOT_TO_COMPETENT_BODY", info.Reason);
        Assert.Equal("Art. 11.1", info.Metadata["article"]);
        Assert.Equal("envelope.receiver_body", info.Metadata["fields"]);

        await x.SendAsync(Party.Tm, "result", Case.InvestigationResult, TmCb, KzCb, e => e.InReplyTo = "breach");
        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "result" })).Message;
        Assert.Equal(Direction.Inbound, record.Direction);
    }

    [Fact]
    public async Task Each_answer_fault_has_its_own_reason_code_and_the_one_article_of_the_answer()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await x.SendAsync(Party.Kz, "ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(Party.Kz, "visit", Case.VisitRequest, KzCb, TmCb);
        await x.SendAsync(Party.Tm, "decision", Case.VisitDecision, TmCb, KzCb, e => e.InReplyTo = "visit");

        foreach (var (id, kind, inReplyTo, reason, article, field) in new[]
        {
            ("a-unknown", Case.ClearanceConfirmation, "ccr-none", "ANSWER_TO_UNKNOWN_REQUEST", "Art. 5.1", "envelope.in_reply_to"),
            ("a-kind", Case.VisitDecision, "ccr", "ANSWER_TO_WRONG_KIND", "Art. 9", "envelope.in_reply_to"),
            ("a-again", Case.VisitDecision, "visit", "ANSWER_ALREADY_GIVEN", "Art. 9", "envelope.in_reply_to"),
        })
        {
            var refused = await x.RefusedAsync(Party.Tm, id, kind, TmCb, KzCb, e =>
            {
                e.InReplyTo = inReplyTo;
                if (kind == Case.ClearanceConfirmation)
                {
                    e.ClearanceConfirmation.AuthorizedBodyId = TmAb;
                }
            });
            var info = RpcAssert.ErrorInfo(refused)!;
            Assert.Equal(reason, info.Reason);
            Assert.Equal(article, info.Metadata["article"]);
            Assert.Equal(field, info.Metadata["fields"]);
            Assert.StartsWith(article + ": ", refused.Status.Detail, StringComparison.Ordinal);
        }

        // Not the addressee: KZ answering its own request.
        var self = await x.RefusedAsync(Party.Kz, "a-self", Case.ClearanceConfirmation, KzCb, TmCb, e => Confirm(e, "ccr", TmAb));
        Assert.Equal("ANSWER_NOT_BY_ADDRESSEE", RpcAssert.ErrorInfo(self)!.Reason);
        Assert.Equal("Art. 5.1", RpcAssert.ErrorInfo(self)!.Metadata["article"]);
    }

    private static void Confirm(Envelope e, string request, string body)
    {
        e.InReplyTo = request;
        e.ClearanceConfirmation = new()
        {
            AuthorizedBodyId = body, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = new CalendarDate { Year = 2027, Month = 12, Day = 31 },
        };
    }

    private static async Task ClearAsync(Exchange x)
    {
        await x.SendAsync(Party.Kz, "ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(Party.Tm, "cc", Case.ClearanceConfirmation, TmCb, KzCb, e => Confirm(e, "ccr", TmAb));
    }

    private static void About(Envelope e, string transfer)
    {
        switch (e.NoticeCase)
        {
            case Case.CopyRequest: e.CopyRequest.TransferId = transfer; break;
            case Case.DestructionRequest: e.DestructionRequest.TransferId = transfer; break;
            default: e.ThirdPartyDisclosureRequest.TransferId = transfer; break;
        }
    }
}
