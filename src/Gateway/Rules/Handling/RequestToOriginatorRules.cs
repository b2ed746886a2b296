using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Handling;

/// <summary>A request for a permission or consent goes to the originator of the information it concerns: the body that
/// transferred it, as the ledger recorded the transfer, or that Party's competent body.</summary>
public abstract class RequestToOriginatorRule(Case kind, string field, string id, string article, string what)
    : NoticeRule(id, article, $"A {kind} is refused unless its transfer_id names a known transfer and it is addressed to that transfer's originator (the transferring body or its competent body): {what}.",
        RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != kind)
        {
            return null;
        }

        if (Originators.TransferOf(context.Facts, e) is not { } transfer)
        {
            return Verdict($"'{LedgerKeys.TransferIdOf(e)}' is not a known transfer, so it has no originator to ask.", field);
        }

        return Originators.Is(context.Facts, transfer.Envelope, e.ReceiverParty, e.ReceiverBody)
            ? null
            : Verdict($"only the originator of '{transfer.Id}', '{transfer.Envelope.SenderBody}' (or its competent body), can give {what}; this request is addressed to '{e.ReceiverBody}'.",
                "envelope.receiver_body");
    }
}

/// <summary>Art. 6.4: copying needs the transferring body's written permission, so the request goes to it.</summary>
public sealed class CopyRequestToOriginatorRule() : RequestToOriginatorRule(Case.CopyRequest, "copy_request.transfer_id",
    "COPY_REQUEST_NOT_TO_ORIGINATOR", "Art. 6.4", "written permission to copy");

/// <summary>Art. 6.5: destruction or return needs the transferring body's prior written agreement, so the request goes to it.</summary>
public sealed class DestructionRequestToOriginatorRule() : RequestToOriginatorRule(Case.DestructionRequest, "destruction_request.transfer_id",
    "DESTRUCTION_REQUEST_NOT_TO_ORIGINATOR", "Art. 6.5", "prior written agreement to destroy or return");

/// <summary>Art. 4.1.5: third-party access needs the transferring Party's prior written consent, so the request goes to it.</summary>
public sealed class ThirdPartyRequestToOriginatorRule() : RequestToOriginatorRule(Case.ThirdPartyDisclosureRequest, "third_party_disclosure_request.transfer_id",
    "THIRD_PARTY_REQUEST_NOT_TO_ORIGINATOR", "Art. 4.1.5", "prior written consent to third-party access");
