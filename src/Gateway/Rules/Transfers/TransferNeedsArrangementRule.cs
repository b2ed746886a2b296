using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>Art. 5.5: the special-arrangement channel needs an agreed transport arrangement.</summary>
public sealed class TransferNeedsArrangementRule() : NoticeRule("TRANSFER_NEEDS_ARRANGEMENT", "Art. 5.5",
    "A transfer on the special-arrangement channel is refused unless the named transport arrangement was agreed.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var t = context.Envelope.TransferNotice;
        if (context.Envelope.NoticeCase != Envelope.NoticeOneofCase.TransferNotice || t.Channel != TransferChannel.SpecialArrangement)
        {
            return null;
        }

        return context.Facts.ByKey(LedgerKeys.Arrangement(t.TransportArrangementId)).Any(a => a.Envelope.TransportArrangement.Agreed)
            ? null
            : Verdict($"transport arrangement '{t.TransportArrangementId}' has not been agreed.", "transfer_notice.transport_arrangement_id");
    }
}
