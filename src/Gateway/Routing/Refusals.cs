using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Turns rule verdicts and validation failures into stored refusals, and refusals into errors.</summary>
internal static class Refusals
{
    public const string InvalidEnvelope = "INVALID_ENVELOPE";

    public static Refusal From(RuleVerdict verdict) =>
        new() { RuleId = verdict.RuleId, Article = verdict.Article, Message = verdict.Message, Fields = { verdict.Fields } };

    public static Refusal From(IReadOnlyList<FieldViolation> violations) => new()
    {
        RuleId = InvalidEnvelope,
        Message = $"{violations[0].Field}: {violations[0].Description}" + (violations.Count > 1 ? $" (and {violations.Count - 1} more)" : ""),
        Fields = { violations.Select(v => v.Field) },
    };

    public static RuleRefusalException ToException(Refusal refusal) =>
        new(refusal.RuleId, refusal.Article, refusal.Message, [.. refusal.Fields]);

}
