namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Base of the notice rules: the catalogue entry and a helper to build a verdict.</summary>
public abstract class NoticeRule(string id, string article, string checks, RuleOutcome outcome, string? policyDefault = null) : INoticeRule
{
    public string Id { get; } = id;

    public string Article { get; } = article;

    public string Checks { get; } = checks;

    public RuleOutcome Outcome { get; } = outcome;

    public string? PolicyDefault { get; } = policyDefault;

    public abstract RuleVerdict? Evaluate(RuleContext context);

    /// <summary>A verdict whose message starts with the article, as operators read it.</summary>
    protected RuleVerdict Verdict(string message, params string[] fields) => new(Id, Article, Outcome, $"{Article}: {message}", fields);
}
