using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Base of the answer-fault rules: each verdict cites the one article of the answer's own kind.</summary>
public abstract class AnswerRule(string id, string checks)
    : NoticeRule(id, "Art. 4.1.5, 5.1, 5.4, 5.5, 6.4, 6.5, 9 or 11 (the answer's own, one per refusal)", checks, RuleOutcome.Refuse)
{
    /// <summary>A verdict citing the article of the answer's kind alone.</summary>
    protected static RuleVerdict AnswerVerdict(string ruleId, NoticeKind answer, string message, string field) =>
        new(ruleId, answer.Article, RuleOutcome.Refuse, $"{answer.Article}: {message}", [field]);
}
