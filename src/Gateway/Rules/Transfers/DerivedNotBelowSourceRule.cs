using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>Art. 6.1: information derived from received information is marked no lower than its source.</summary>
public sealed class DerivedNotBelowSourceRule() : NoticeRule("DERIVED_BELOW_SOURCE_LEVEL", "Art. 6.1",
    "A carrier derived from an earlier transfer's carrier is refused if its source is unknown or it is marked lower than the source's current level.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        if (context.Envelope.NoticeCase != Envelope.NoticeOneofCase.TransferNotice)
        {
            return null;
        }

        var carriers = context.Envelope.TransferNotice.Carriers;
        for (var i = 0; i < carriers.Count; i++)
        {
            var carrier = carriers[i];
            if (carrier.DerivedFromTransferId.Length == 0)
            {
                continue;
            }

            var source = context.Facts.Find(carrier.DerivedFromTransferId, Envelope.NoticeOneofCase.TransferNotice);
            var sourceCarrier = source?.Envelope.TransferNotice.Carriers.FirstOrDefault(c => c.CarrierId == carrier.DerivedFromCarrierId);
            if (source is null || sourceCarrier is null)
            {
                return Verdict($"the source '{carrier.DerivedFromTransferId}/{carrier.DerivedFromCarrierId}' of carrier '{carrier.CarrierId}' is not a known transfer and carrier.",
                    $"transfer_notice.carriers[{i}].derived_from_transfer_id");
            }

            if (CurrentLevel(context.Facts, source, sourceCarrier) is { } current && !Levels.Covers(carrier.Level, current))
            {
                return Verdict($"carrier '{carrier.CarrierId}' is marked {Levels.Name(carrier.Level)}, lower than its source's {Levels.Name(current)}.",
                    $"transfer_notice.carriers[{i}].level");
            }
        }

        return null;
    }

    /// <summary>The source's level after any accepted classification changes; null once declassified.</summary>
    public static ClassificationLevel? CurrentLevel(Facts facts, LedgerEntry transfer, Carrier carrier)
    {
        var change = facts.ByKey(LedgerKeys.Transfer(transfer.Id))
            .Where(x => x.Envelope.NoticeCase == Envelope.NoticeOneofCase.ClassificationChange)
            .Select(x => x.Envelope.ClassificationChange)
            .LastOrDefault(c => c.CarrierIds.Count == 0 || c.CarrierIds.Contains(carrier.CarrierId));
        return change is null ? carrier.Level : change.Declassified ? null : change.NewLevel;
    }
}
