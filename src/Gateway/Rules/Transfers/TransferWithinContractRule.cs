using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>Art. 7: a transfer under a contract stays within the contract's listed levels.</summary>
public sealed class TransferWithinContractRule() : NoticeRule("TRANSFER_ABOVE_CONTRACT_LEVEL", "Art. 7",
    "A transfer that references a contract is refused if the contract is not registered or a carrier is above the contract's highest listed level.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var t = context.Envelope.TransferNotice;
        if (context.Envelope.NoticeCase != Envelope.NoticeOneofCase.TransferNotice || t.ContractReference.Length == 0)
        {
            return null;
        }

        var registered = context.Facts.ByKey(LedgerKeys.Contract(t.ContractReference));
        if (registered.Count == 0)
        {
            return Verdict($"contract '{t.ContractReference}' is not registered.", "transfer_notice.contract_reference");
        }

        var contract = registered[^1];
        var ceiling = Levels.Highest(contract.Envelope.ContractRegistration.Items.Select(i => i.Level));
        for (var i = 0; i < t.Carriers.Count; i++)
        {
            if (!Levels.Covers(ceiling, t.Carriers[i].Level))
            {
                return Verdict($"carrier '{t.Carriers[i].CarrierId}' is {Levels.Name(t.Carriers[i].Level)}, above contract '{t.ContractReference}''s {Levels.Name(ceiling)}.",
                    $"transfer_notice.carriers[{i}].level");
            }
        }

        return null;
    }
}
