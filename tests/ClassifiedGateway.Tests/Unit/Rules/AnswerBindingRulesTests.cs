using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Answers;
using ClassifiedGateway.Gateway.Rules.Transfers;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>An answer is bound to what its request was about: the body asked about (Art. 5.1), the arrangement proposed (Art. 5.5),
/// the copies asked for (Art. 6.4), the transferring Party's competent body (Art. 11.1), the transfer's carriers (Art. 4.1.5, 5.4, 6.4, 6.5).</summary>
public sealed class AnswerBindingRulesTests
{
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;

    public static TheoryData<string, string, string?> ClearanceCases => new()
    {
        // authorized_body_id confirmed (the request asked about tm-ab-1), field at fault
        { "the body asked about", TmAb, null },
        { "another authorized body of the same Party", "tm-ab-2", "clearance_confirmation.authorized_body_id" },
        { "the requesting Party's own body", KzAb, "clearance_confirmation.authorized_body_id" },
        { "a body id differing only in case", "TM-AB-1", "clearance_confirmation.authorized_body_id" },
    };

    [Theory]
    [MemberData(nameof(ClearanceCases))]
    public void A_clearance_confirmation_confirms_the_body_asked_about(string name, string confirmed, string? field)
    {
        var request = Notice("ccr", Case.ClearanceConfirmationRequest, Party.Kz);
        request.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb;
        var answer = Notice("cc", Case.ClearanceConfirmation, Party.Tm, inReplyTo: "ccr");
        answer.ClearanceConfirmation.AuthorizedBodyId = confirmed;

        Expect(new ClearanceConfirmationForAskedBodyRule().Evaluate(Context(answer, request)), "CLEARANCE_CONFIRMATION_OTHER_BODY", "Art. 5.1", field, name);
    }

    [Fact]
    public void A_negative_clearance_answer_is_bound_too_and_other_answers_are_not_judged_here()
    {
        var request = Notice("ccr", Case.ClearanceConfirmationRequest, Party.Kz);
        var answer = Notice("cc", Case.ClearanceConfirmation, Party.Tm, inReplyTo: "ccr");
        answer.ClearanceConfirmation.Confirmed = false;
        answer.ClearanceConfirmation.AuthorizedBodyId = "tm-ab-2";
        var rule = new ClearanceConfirmationForAskedBodyRule();

        Refused(rule.Evaluate(Context(answer, request)), "CLEARANCE_CONFIRMATION_OTHER_BODY", "Art. 5.1", "clearance_confirmation.authorized_body_id", "negative");
        Passes(rule.Evaluate(Context(answer)), "unknown request: ANSWER_TO_UNKNOWN_REQUEST's business");
        Passes(rule.Evaluate(Context(answer, Transfer("ccr"))), "wrong kind: ANSWER_TO_WRONG_KIND's business");
    }

    public static TheoryData<string, string, string?> ArrangementCases => new()
    {
        { "the arrangement proposed", "a-1", null },
        { "another arrangement id", "a-2", "transport_arrangement.arrangement_id" },
    };

    [Theory]
    [MemberData(nameof(ArrangementCases))]
    public void An_agreement_agrees_to_the_arrangement_proposed(string name, string agreedId, string? field)
    {
        var proposal = Notice("ta-prop", Case.TransportArrangement, Party.Kz, KzAb, TmAb);
        proposal.TransportArrangement.ArrangementId = "a-1";
        var agreement = Notice("ta-agree", Case.TransportArrangement, Party.Tm, TmAb, KzAb, "ta-prop");
        agreement.TransportArrangement.ArrangementId = agreedId;
        agreement.TransportArrangement.Agreed = true;

        Expect(new ArrangementAgreementForProposalRule().Evaluate(Context(agreement, proposal)), "ARRANGEMENT_AGREEMENT_OTHER_ID", "Art. 5.5", field, name);
    }

    public static TheoryData<string, bool, int, string?> CopyCases => new()
    {
        // granted, copies permitted (3 asked for), field at fault
        { "exactly the copies asked for", true, 3, null },
        { "fewer copies than asked for", true, 1, null },
        { "one copy more than asked for", true, 4, "copy_permission.copies_permitted" },
        { "a refusal grants nothing, whatever it says", false, 9, null },
    };

    [Theory]
    [MemberData(nameof(CopyCases))]
    public void A_copy_permission_grants_at_most_the_copies_asked_for(string name, bool granted, int permitted, string? field)
    {
        var request = Notice("cr", Case.CopyRequest, Party.Tm, TmAb, KzAb);
        request.CopyRequest.Copies = 3;
        var permission = Notice("cp", Case.CopyPermission, Party.Kz, KzAb, TmAb, "cr");
        permission.CopyPermission.Granted = granted;
        permission.CopyPermission.CopiesPermitted = permitted;

        Expect(new CopyPermissionWithinRequestRule().Evaluate(Context(permission, Transfer("t-1"), request)), "COPY_PERMISSION_BEYOND_REQUEST", "Art. 6.4", field, name);
    }

    public static TheoryData<string, string, Party, string, string?> InvestigationCases => new()
    {
        // the breach's transfer ("" for none), the result's receiving Party and body, field at fault.
        // t-kz went from Kazakhstan to Turkmenistan; Turkmenistan notified the breach to Kazakhstan.
        { "to the transferring Party's competent body", "t-kz", Party.Kz, "kz-knb", null },
        { "to the authorized body that transferred it", "t-kz", Party.Kz, KzAb, "envelope.receiver_body" },
        { "to another body of the transferring Party", "t-kz", Party.Kz, "kz-ab-2", "envelope.receiver_body" },
        { "no transfer named: to the competent body notified", "", Party.Kz, "kz-knb", null },
        { "no transfer named: to an authorized body", "", Party.Kz, KzAb, "envelope.receiver_body" },
    };

    [Theory]
    [MemberData(nameof(InvestigationCases))]
    public void Investigation_results_go_to_the_competent_body_of_the_transferring_Party(string name, string transfer, Party to, string body, string? field)
    {
        var breach = Notice("breach", Case.BreachNotification, Party.Tm, TmAb, "kz-knb");
        breach.BreachNotification.TransferId = transfer;
        var result = Notice("result", Case.InvestigationResult, Party.Tm, "tm-mns", body, "breach");
        result.ReceiverParty = to;

        Expect(new InvestigationResultToTransferringPartyRule().Evaluate(Context(result, Transfer("t-kz"), breach)),
            "INVESTIGATION_RESULT_NOT_TO_COMPETENT_BODY", "Art. 11.1", field, name);
    }

    [Fact]
    public void Investigation_results_about_a_transfer_this_Party_made_have_no_addressee_on_the_other_side()
    {
        // Turkmenistan transferred t-tm to Kazakhstan, then reports a breach of it: its own competent body is the addressee, which the wire cannot carry.
        var breach = Notice("breach", Case.BreachNotification, Party.Tm, TmAb, "kz-knb");
        breach.BreachNotification.TransferId = "t-tm";
        var result = Notice("result", Case.InvestigationResult, Party.Tm, "tm-mns", "kz-knb", "breach");

        Refused(new InvestigationResultToTransferringPartyRule().Evaluate(Context(result, Transfer("t-tm", from: Party.Tm), breach)),
            "INVESTIGATION_RESULT_NOT_TO_COMPETENT_BODY", "Art. 11.1", "envelope.receiver_body", "own transfer");
    }

    public static TheoryData<string, Case, string, string, string?> CarrierCases => new()
    {
        // kind, carrier ids named ("+"-joined, "" = all), article, field at fault (t-1 holds c-1 and c-2)
        { "receipt of every carrier", Case.ReceiptConfirmation, "", "Art. 5.4", null },
        { "receipt of both carriers by id", Case.ReceiptConfirmation, "c-1+c-2", "Art. 5.4", null },
        { "receipt naming a carrier the transfer lacks", Case.ReceiptConfirmation, "c-1+c-3", "Art. 5.4", "receipt_confirmation.carrier_ids" },
        { "copy request for one carrier", Case.CopyRequest, "c-2", "Art. 6.4", null },
        { "copy request naming a carrier the transfer lacks", Case.CopyRequest, "c-9", "Art. 6.4", "copy_request.carrier_ids" },
        { "destruction request for the transfer", Case.DestructionRequest, "", "Art. 6.5", null },
        { "destruction request naming a carrier the transfer lacks", Case.DestructionRequest, "C-1", "Art. 6.5", "destruction_request.carrier_ids" },
        { "third-party request for one carrier", Case.ThirdPartyDisclosureRequest, "c-1", "Art. 4.1.5", null },
        { "third-party request naming a carrier the transfer lacks", Case.ThirdPartyDisclosureRequest, "c-1+c-0", "Art. 4.1.5", "third_party_disclosure_request.carrier_ids" },
    };

    [Theory]
    [MemberData(nameof(CarrierCases))]
    public void Receipts_and_requests_name_carriers_of_their_transfer(string name, Case kind, string carriers, string article, string? field)
    {
        var notice = Notice("n", kind, Party.Tm, TmAb, KzAb, kind == Case.ReceiptConfirmation ? "t-1" : null);
        var ids = carriers.Split('+', StringSplitOptions.RemoveEmptyEntries);
        switch (kind)
        {
            case Case.ReceiptConfirmation: notice.ReceiptConfirmation.TransferId = "t-1"; notice.ReceiptConfirmation.CarrierIds.Add(ids); break;
            case Case.CopyRequest: notice.CopyRequest.CarrierIds.Add(ids); break;
            case Case.DestructionRequest: notice.DestructionRequest.CarrierIds.Add(ids); break;
            default: notice.ThirdPartyDisclosureRequest.CarrierIds.Add(ids); break;
        }

        Expect(new CarriersOfTheTransferRule().Evaluate(Context(notice, Transfer("t-1", "Secret+TopSecret"))), "CARRIERS_NOT_IN_TRANSFER", article, field, name);
    }
}
