using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Handling;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 6.4, 6.5, 4.1.5: requests for a permission or consent go to the originator of the information (the body that
/// transferred it, as recorded, or its competent body), and only the originator answers them.</summary>
public sealed class OriginatorRulesTests
{
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;

    /// <summary>Each request kind with its rule, its answer kind and rule, and the article both cite.</summary>
    public static TheoryData<Case, Case, string> Kinds => new()
    {
        { Case.CopyRequest, Case.CopyPermission, "Art. 6.4" },
        { Case.DestructionRequest, Case.DestructionAgreement, "Art. 6.5" },
        { Case.ThirdPartyDisclosureRequest, Case.ThirdPartyDisclosureConsent, "Art. 4.1.5" },
    };

    private static readonly Dictionary<Case, (INoticeRule Rule, string Id, string TransferField)> RequestRules = new()
    {
        [Case.CopyRequest] = (new CopyRequestToOriginatorRule(), "COPY_REQUEST_NOT_TO_ORIGINATOR", "copy_request.transfer_id"),
        [Case.DestructionRequest] = (new DestructionRequestToOriginatorRule(), "DESTRUCTION_REQUEST_NOT_TO_ORIGINATOR", "destruction_request.transfer_id"),
        [Case.ThirdPartyDisclosureRequest] = (new ThirdPartyRequestToOriginatorRule(), "THIRD_PARTY_REQUEST_NOT_TO_ORIGINATOR", "third_party_disclosure_request.transfer_id"),
    };

    private static readonly Dictionary<Case, (INoticeRule Rule, string Id)> AnswerRules = new()
    {
        [Case.CopyPermission] = (new CopyPermissionFromOriginatorRule(), "COPY_PERMISSION_NOT_FROM_ORIGINATOR"),
        [Case.DestructionAgreement] = (new DestructionAgreementFromOriginatorRule(), "DESTRUCTION_AGREEMENT_NOT_FROM_ORIGINATOR"),
        [Case.ThirdPartyDisclosureConsent] = (new ThirdPartyConsentFromOriginatorRule(), "THIRD_PARTY_CONSENT_NOT_FROM_ORIGINATOR"),
    };

    /// <summary>(transfer, addressee Party, addressee body, field at fault) — t-1 went from kz-ab-1 to tm-ab-1; Turkmenistan asks.</summary>
    private static readonly (string Name, string Transfer, Party To, string Body, bool TransferField, bool Refused)[] Addressees =
    [
        ("the transferring authorized body", "t-1", Party.Kz, KzAb, false, false),
        ("the transferring Party's competent body", "t-1", Party.Kz, "kz-knb", false, false),
        ("another authorized body of the transferring Party", "t-1", Party.Kz, "kz-ab-2", false, true),
        ("an unknown transfer", "t-9", Party.Kz, KzAb, true, true),
        ("a notice that is not a transfer", "consult", Party.Kz, KzAb, true, true),
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_request_goes_to_the_originator_of_the_information(Case requestKind, Case answerKind, string article)
    {
        _ = answerKind;
        var (rule, id, transferField) = RequestRules[requestKind];
        foreach (var (name, transfer, to, body, transferFieldAtFault, refused) in Addressees)
        {
            var request = Request(requestKind, transfer, body);
            request.ReceiverParty = to;
            var field = !refused ? null : transferFieldAtFault ? transferField : "envelope.receiver_body";
            Expect(rule.Evaluate(Context(request, Ledger())), id, article, field, $"{requestKind} to {name}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_request_about_information_this_Party_transferred_has_no_originator_on_the_other_side(Case requestKind, Case answerKind, string article)
    {
        _ = answerKind;
        var (rule, id, _) = RequestRules[requestKind];
        // Turkmenistan asks Kazakhstan about t-tm, which Turkmenistan itself transferred.
        Refused(rule.Evaluate(Context(Request(requestKind, "t-tm", KzAb), Ledger())), id, article, "envelope.receiver_body", $"{requestKind} about own transfer");
        Passes(rule.Evaluate(Context(Notice("x", Case.ConsultationRequest, Party.Tm), Ledger())), "another kind");
    }

    /// <summary>(answering Party and body, field at fault) — answering Turkmenistan's request r about t-1 (from kz-ab-1), addressed to kz-knb.</summary>
    public static TheoryData<string, Party, string, bool> Answerers => new()
    {
        { "the transferring authorized body", Party.Kz, KzAb, false },
        { "the transferring Party's competent body", Party.Kz, "kz-knb", false },
        { "another authorized body of the transferring Party", Party.Kz, "kz-ab-2", true },
        { "the requesting Party's competent body", Party.Tm, "tm-mns", true },
        { "the receiving authorized body itself", Party.Tm, TmAb, true },
    };

    [Theory]
    [MemberData(nameof(Answerers))]
    public void Only_the_originator_answers(string name, Party from, string body, bool refused)
    {
        foreach (var (requestKind, answerKind, article) in new[]
        {
            (Case.CopyRequest, Case.CopyPermission, "Art. 6.4"), (Case.DestructionRequest, Case.DestructionAgreement, "Art. 6.5"),
            (Case.ThirdPartyDisclosureRequest, Case.ThirdPartyDisclosureConsent, "Art. 4.1.5"),
        })
        {
            var (rule, id) = AnswerRules[answerKind];
            var answer = Notice("a", answerKind, from, body, TmAb, "r");
            Expect(rule.Evaluate(Context(answer, [.. Ledger(), Request(requestKind, "t-1", "kz-knb", "r")])), id, article,
                refused ? "envelope.sender_body" : null, $"{answerKind} by {name}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_answer_to_a_request_about_no_known_transfer_has_no_originator(Case requestKind, Case answerKind, string article)
    {
        var (rule, id) = AnswerRules[answerKind];
        var answer = Notice("a", answerKind, Party.Kz, KzAb, TmAb, "r");

        Refused(rule.Evaluate(Context(answer, [.. Ledger(), Request(requestKind, "t-9", KzAb, "r")])), id, article, "envelope.in_reply_to", "unknown transfer");
        Passes(rule.Evaluate(Context(answer, Ledger())), "unknown request: ANSWER_TO_UNKNOWN_REQUEST's business");
    }

    private static Envelope[] Ledger() => [Transfer("t-1"), Transfer("t-tm", from: Party.Tm), Notice("consult", Case.ConsultationRequest, Party.Kz)];

    /// <summary>Turkmenistan's receiving authorized body asks <paramref name="to"/> about <paramref name="transfer"/>.</summary>
    private static Envelope Request(Case kind, string transfer, string to, string id = "req")
    {
        var e = Notice(id, kind, Party.Tm, TmAb, to);
        switch (kind)
        {
            case Case.CopyRequest: e.CopyRequest.TransferId = transfer; break;
            case Case.DestructionRequest: e.DestructionRequest.TransferId = transfer; break;
            default: e.ThirdPartyDisclosureRequest.TransferId = transfer; break;
        }

        return e;
    }
}
