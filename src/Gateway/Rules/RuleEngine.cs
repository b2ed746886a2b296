using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Collects the facts a notice needs, runs every registered rule, and plans the obligations it opens.</summary>
public sealed class RuleEngine(
    IEnumerable<INoticeRule> rules, IEnumerable<IObligationRule> obligations, IOptions<RulesOptions> options, IOptions<PolicyOptions> policy, HostTimeZones zones)
{
    private readonly INoticeRule[] _rules = [.. rules];
    private readonly IObligationRule[] _obligations = [.. obligations];

    /// <summary>Every registered rule, for the catalogue.</summary>
    public IEnumerable<IRuleDescription> Catalogue => _rules.Cast<IRuleDescription>().Concat(_obligations);

    public Admission Decide(Envelope envelope, DateTimeOffset decisionTime, RulePhase phase, Party localParty, ILedger ledger)
    {
        var facts = FactsCollector.Collect(envelope, ledger, options.Value, zones, localParty, decisionTime, policy.Value.TerminationReading);
        var context = new RuleContext(envelope, decisionTime, phase, localParty, facts);
        var verdicts = _rules.Select(r => r.Evaluate(context)).OfType<RuleVerdict>().ToList();
        if (verdicts.FirstOrDefault(v => v.Outcome == RuleOutcome.Refuse) is { } refusal)
        {
            return new Admission(Refusals.From(refusal), [], []);
        }

        var planned = _obligations.Select(o => o.Plan(envelope, decisionTime)).OfType<ObligationPlan>().ToList();
        return new Admission(null, verdicts, planned);
    }

    /// <summary>The agreement's state as the ledger stands now.</summary>
    public AgreementState Agreement(ILedger ledger, Party localParty, DateTimeOffset now) =>
        AgreementCalculator.Compute(options.Value, zones, localParty, ledger.ByKey(LedgerKeys.DomesticProcedures), ledger.ByKey(LedgerKeys.Termination), now, policy.Value.TerminationReading);
}
