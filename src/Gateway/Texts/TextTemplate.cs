using System.Text;
using System.Text.RegularExpressions;

namespace ClassifiedGateway.Gateway.Texts;

/// <summary>A sentence the node writes for people: a stable code and its English form with named placeholders
/// (<c>{name}</c>, or <c>{name:type}</c> where the type says how the console shows the value: level, kind, day, instant, utc, dur,
/// policy, n, party, reading, change, what, side, stage, obligation, raw). The English is what gRPC clients and
/// logs read; the console reads the code and the parameters and renders the sentence in the operator's language.</summary>
public sealed partial class TextTemplate
{
    private readonly Regex _pattern;

    public TextTemplate(string code, string english)
    {
        Code = code;
        English = english;
        Parameters = [.. Placeholder().Matches(english).Select(m => new TextParameter(m.Groups["name"].Value, m.Groups["type"].Success ? m.Groups["type"].Value : "text"))];
        _pattern = new Regex("^" + Build(english) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(50));
    }

    public string Code { get; }

    public string English { get; }

    /// <summary>The placeholders in order, with their types.</summary>
    public IReadOnlyList<TextParameter> Parameters { get; }

    /// <summary>The parameters when <paramref name="text"/> is this template's English with some values filled in; otherwise null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string text)
    {
        try
        {
            var m = _pattern.Match(text);
            return m.Success ? Parameters.ToDictionary(p => p.Name, p => m.Groups[p.Name].Value, StringComparer.Ordinal) : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The English with the given values (tests and examples).</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(English, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);

    private static string Build(string english)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (Match m in Placeholder().Matches(english))
        {
            sb.Append(Regex.Escape(english[at..m.Index]));
            var name = m.Groups["name"].Value;
            sb.Append("(?<").Append(name).Append('>').Append(ValuePattern(m.Groups["type"].Value)).Append(')');
            at = m.Index + m.Length;
        }

        return sb.Append(Regex.Escape(english[at..])).ToString();
    }

    private static string ValuePattern(string type) => type switch
    {
        "day" => @"\d{4}-\d{2}-\d{2}|unknown",
        "dur" => @"\d+(?:\.\d)? (?:hours|days)",
        "policy" => @"\d+(?:\.\d)? (?:hours|days) \(policy, not treaty text\)",
        "n" => @"-?\d+",
        "level" => @"Of special importance \(Особой важности\)|Top secret \(Совершенно секретно\)|Secret \(Секретно\)|no level",
        "party" => "Kazakhstan|Turkmenistan",
        "kind" => "[A-Za-z]+",
        _ => ".*?",
    };

    [GeneratedRegex(@"\{(?<name>[a-zA-Z][a-zA-Z0-9]*)(?::(?<type>[a-z]+))?\}")]
    private static partial Regex Placeholder();
}

/// <summary>One placeholder of a template: its name and how the console renders its value.</summary>
public sealed record TextParameter(string Name, string Type);

/// <summary>A sentence as the console receives it: its code and parameters (null code: no template matched; the English is shown).
/// <paramref name="Nested"/> holds parameters that are sentences of their own (an overdue entry's obligation).</summary>
public sealed record TextView(string? Code, IReadOnlyDictionary<string, string> Params, string English, IReadOnlyDictionary<string, TextView>? Nested = null);
