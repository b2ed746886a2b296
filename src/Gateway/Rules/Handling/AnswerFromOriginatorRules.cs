using ClassifiedGateway.Gateway.Rules.Answers;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Handling;

/// <summary>A permission or consent is the originator's word only: it comes from the body that transferred the information
/// the request concerns (as the ledger recorded the transfer) or that Party's competent body.</summary>
public abstract class AnswerFromOriginatorRule(Case kind, string id, string article, string what)
    : NoticeRule(id, article, $"A {kind} is refused unless it comes from the originator of the transfer its request concerns (the transferring body or its competent body): {what}.",
        RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != kind || AnswerLookup.Request(context) is not { } request)
        {
            return null;
        }

        if (Originators.TransferOf(context.Facts, request.Envelope) is not { } transfer)
        {
            return Verdict($"'{request.Id}' concerns no known transfer, so no one is its originator.", "envelope.in_reply_to");
        }

        return Originators.Is(context.Facts, transfer.Envelope, e.SenderParty, e.SenderBody)
            ? null
            : Verdict($"only the originator of '{transfer.Id}', '{transfer.Envelope.SenderBody}' (or its competent body), gives {what}; not '{e.SenderBody}'.",
                "envelope.sender_body");
    }
}

/// <summary>Art. 6.4: the written permission to copy is the transferring body's.</summary>
public sealed class CopyPermissionFromOriginatorRule() : AnswerFromOriginatorRule(Case.CopyPermission,
    "COPY_PERMISSION_NOT_FROM_ORIGINATOR", "Art. 6.4", "written permission to copy");

/// <summary>Art. 6.5: the prior written agreement to destroy or return is the transferring body's.</summary>
public sealed class DestructionAgreementFromOriginatorRule() : AnswerFromOriginatorRule(Case.DestructionAgreement,
    "DESTRUCTION_AGREEMENT_NOT_FROM_ORIGINATOR", "Art. 6.5", "prior written agreement to destroy or return");

/// <summary>Art. 4.1.5: consent to third-party access is the transferring Party's.</summary>
public sealed class ThirdPartyConsentFromOriginatorRule() : AnswerFromOriginatorRule(Case.ThirdPartyDisclosureConsent,
    "THIRD_PARTY_CONSENT_NOT_FROM_ORIGINATOR", "Art. 4.1.5", "prior written consent to third-party access");
