using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>A receipt or a request about transferred material names carriers of that transfer only.</summary>
public sealed class CarriersOfTheTransferRule() : NoticeRule("CARRIERS_NOT_IN_TRANSFER", "Art. 4.1.5, 5.4, 6.4 or 6.5 (the notice's own, one per refusal)",
    "A receipt confirmation, copy, destruction or third-party request is refused when its carrier_ids name a carrier the transfer it concerns does not hold.",
    RuleOutcome.Refuse)
{
    private static readonly HashSet<Case> Kinds = [Case.ReceiptConfirmation, Case.CopyRequest, Case.DestructionRequest, Case.ThirdPartyDisclosureRequest];

    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (!Kinds.Contains(e.NoticeCase) || Carriers.Named(e) is not { } named || Originators.TransferOf(context.Facts, e) is not { } transfer)
        {
            return null;
        }

        var beyond = Carriers.Beyond(named.Ids, [], transfer.Envelope.TransferNotice);
        var article = NoticeKinds.Of(e).Article;
        return beyond.Count == 0
            ? null
            : new RuleVerdict(Id, article, Outcome, $"{article}: transfer '{transfer.Id}' holds no carrier {Carriers.Quote(beyond)}.", [named.Field]);
    }
}
