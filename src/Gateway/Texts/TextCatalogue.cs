namespace ClassifiedGateway.Gateway.Texts;

/// <summary>Every template, and the reading of a stored or received English sentence back into its code and parameters. The
/// English is what the node stores and what the other node sends; reading it back also covers rows stored before codes existed.</summary>
public static class TextCatalogue
{
    private static readonly ILookup<string, TextTemplate> ByRule =
        RuleTexts.All.Concat(NodeTexts.Refusals).ToLookup(r => r.RuleId, r => r.Template, StringComparer.Ordinal);

    private static readonly ILookup<string, TextTemplate> ObligationsByRule =
        NodeTexts.Obligations.ToLookup(r => r.RuleId, r => r.Template, StringComparer.Ordinal);

    /// <summary>Every template the console must be able to render, each code once.</summary>
    public static IReadOnlyList<TextTemplate> All { get; } =
        [.. RuleTexts.All.Select(r => r.Template).Concat(NodeTexts.Refusals.Select(r => r.Template)).Concat(NodeTexts.History)
            .Concat(NodeTexts.Obligations.Select(r => r.Template)).DistinctBy(t => t.Code)];

    /// <summary>A refusal's or flag's sentence: <paramref name="message"/> is "{article}: {sentence}" for the rules, the sentence alone otherwise.</summary>
    public static TextView Verdict(string ruleId, string article, string message)
    {
        var prefix = article.Length > 0 ? article + ": " : "";
        var sentence = prefix.Length > 0 && message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return First(ByRule[ruleId], sentence) ?? new TextView(null, Empty, message);
    }

    /// <summary>An obligation's description.</summary>
    public static TextView Obligation(string ruleId, string description) =>
        First(ObligationsByRule[ruleId], description) ?? new TextView(null, Empty, description);

    /// <summary>A timeline entry's detail; a flag's detail is "{rule id}: {article}: {sentence}".</summary>
    public static TextView History(string detail)
    {
        if (First(NodeTexts.History, detail) is { } found)
        {
            return found.Params.TryGetValue("description", out var description)
                ? found with { Nested = new Dictionary<string, TextView> { ["description"] = First(NodeTexts.Obligations.Select(o => o.Template), description) ?? new TextView(null, Empty, description) } }
                : found;
        }

        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && ByRule.Contains(detail[..colon]))
        {
            var rest = detail[(colon + 2)..];
            var article = rest.StartsWith("Art. ", StringComparison.Ordinal) && rest.IndexOf(": ", StringComparison.Ordinal) is var end and > 0 ? rest[..end] : "";
            var verdict = Verdict(detail[..colon], article, rest);
            if (verdict.Code is not null)
            {
                return verdict with { Params = new Dictionary<string, string>(verdict.Params) { ["article"] = article, ["ruleId"] = detail[..colon] } };
            }
        }

        return new TextView(null, Empty, detail);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static TextView? First(IEnumerable<TextTemplate> templates, string text)
    {
        foreach (var template in templates)
        {
            if (template.Match(text) is { } values)
            {
                return new TextView(template.Code, values, text);
            }
        }

        return null;
    }
}
