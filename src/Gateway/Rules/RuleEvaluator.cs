namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Runs every registered rule; the first refusal decides, flags accumulate.</summary>
public sealed class RuleEvaluator(IEnumerable<INoticeRule> rules)
{
    private readonly INoticeRule[] _rules = [.. rules];

    public IReadOnlyList<INoticeRule> Rules => _rules;

    public RuleEvaluation Evaluate(RuleContext context)
    {
        var verdicts = new List<RuleVerdict>();
        foreach (var rule in _rules)
        {
            if (rule.Evaluate(context) is { } verdict)
            {
                verdicts.Add(verdict);
            }
        }

        return new RuleEvaluation(verdicts);
    }
}

/// <summary>All verdicts for one notice.</summary>
public sealed record RuleEvaluation(IReadOnlyList<RuleVerdict> Verdicts)
{
    public RuleVerdict? Refusal => Verdicts.FirstOrDefault(v => v.Outcome == RuleOutcome.Refuse);

    public IEnumerable<RuleVerdict> Flags => Verdicts.Where(v => v.Outcome == RuleOutcome.Flag);
}
