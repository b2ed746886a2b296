using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>Art. 5.4: only the body a transfer was addressed to confirms its receipt; confirming again changes nothing.</summary>
public sealed class ReceiptForAddressedTransferRule() : NoticeRule("RECEIPT_NOT_FOR_ADDRESSEE", "Art. 5.4",
    "A receipt confirmation is refused unless it answers a transfer addressed to the confirming body (or its competent body) and names that transfer.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Envelope.NoticeOneofCase.ReceiptConfirmation)
        {
            return null;
        }

        if (e.ReceiptConfirmation.TransferId != e.InReplyTo)
        {
            return Verdict("receipt_confirmation.transfer_id must name the transfer the receipt answers (in_reply_to).", "receipt_confirmation.transfer_id");
        }

        if (context.Facts.Find(e.InReplyTo, Envelope.NoticeOneofCase.TransferNotice) is not { } transfer)
        {
            return Verdict($"'{e.InReplyTo}' is not a known transfer.", "envelope.in_reply_to");
        }

        var addressed = transfer.Envelope.ReceiverParty == e.SenderParty
            && (transfer.Envelope.ReceiverBody == e.SenderBody || context.Facts.CompetentBodies.IsCompetentBody(e.SenderParty, e.SenderBody));
        return addressed
            ? null
            : Verdict($"transfer '{transfer.Id}' was addressed to '{transfer.Envelope.ReceiverBody}', not to '{e.SenderBody}'.", "envelope.sender_body");
    }
}

/// <summary>Art. 5.4: a second confirmation of the same transfer is accepted and flagged; the first one stands.</summary>
public sealed class ReceiptAlreadyConfirmedRule() : NoticeRule("RECEIPT_ALREADY_CONFIRMED", "Art. 5.4",
    "A receipt confirmation for a transfer already confirmed is accepted (idempotent) and flagged.", RuleOutcome.Flag)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Envelope.NoticeOneofCase.ReceiptConfirmation)
        {
            return null;
        }

        var earlier = context.Facts.AnswersTo(e.InReplyTo).FirstOrDefault(a => a.Envelope.NoticeCase == Envelope.NoticeOneofCase.ReceiptConfirmation && a.Id != e.Id);
        return earlier is null ? null : Verdict($"transfer '{e.InReplyTo}' was already confirmed by '{earlier.Id}'; nothing changes.");
    }
}
