using System.Text.RegularExpressions;
using ClassifiedGateway.Gateway.Texts;

namespace ClassifiedGateway.Tests.Unit.ConsoleUi;

/// <summary>Every sentence the node writes has a template in every language of the console, with the same placeholders, and none of
/// the non-English templates keeps an English sentence; the templates read back what the node writes.</summary>
public sealed partial class ConsoleTextsTests
{
    private static readonly string[] Languages = ["ru", "kk", "tk"];

    /// <summary>The page's own codes (notices, the article), rendered by the page alone.</summary>
    private static readonly string[] PageCodes = ["ARTICLE", "LIST_EMPTY", "SEARCH_NOTHING", "SEARCH_NO_KIND", "SEARCH_NO_BODY", "UNKNOWN_ID"];

    [Fact]
    public void Codes_are_unique_and_every_rule_in_the_catalogue_has_a_sentence()
    {
        Assert.Equal(TextCatalogue.All.Count, TextCatalogue.All.Select(t => t.Code).Distinct().Count());
        var ruleIds = RuleTexts.All.Select(r => r.RuleId).ToHashSet();
        var engine = Gateway.Rules.RulesServiceCollectionExtensions.BuildEngine();
        var obligations = NodeTexts.Obligations.Select(o => o.RuleId).ToHashSet();
        var missing = engine.Catalogue.Select(r => r.Id).Where(id => !ruleIds.Contains(id) && !obligations.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Rules without a sentence: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("tk")]
    public void Every_template_exists_in_the_language_with_the_same_placeholders(string language)
    {
        var texts = Texts(language);
        var problems = new List<string>();
        foreach (var template in TextCatalogue.All)
        {
            if (!texts.TryGetValue(template.Code, out var translated))
            {
                problems.Add($"{template.Code}: missing");
                continue;
            }

            var expected = Placeholders(template.English);
            var actual = Placeholders(translated);
            if (!expected.SetEquals(actual))
            {
                problems.Add($"{template.Code}: placeholders {string.Join(" ", actual.Order())} instead of {string.Join(" ", expected.Order())}");
            }
        }

        problems.AddRange(PageCodes.Where(c => !texts.ContainsKey(c)).Select(c => $"{c}: missing"));
        problems.AddRange(texts.Keys.Except(TextCatalogue.All.Select(t => t.Code)).Except(PageCodes).Select(c => $"{c}: no such code"));
        Assert.True(problems.Count == 0, $"{language}: " + string.Join("; ", problems));
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("tk")]
    public void No_template_keeps_an_English_sentence(string language)
    {
        // A word of three or more Latin letters from the English template, outside placeholders, in the translation: a leftover.
        // Field names and the one code the operator may search for are not words of a sentence.
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "in_reply_to", "CSV" };
        var texts = Texts(language);
        var leftovers = new List<string>();
        foreach (var template in TextCatalogue.All)
        {
            var words = EnglishWords(template.English);
            var found = EnglishWords(texts.GetValueOrDefault(template.Code, "")).Where(w => words.Contains(w) && !allowed.Contains(w)).ToList();
            if (found.Count > 0)
            {
                leftovers.Add($"{template.Code}: {string.Join(", ", found)}");
            }
        }

        Assert.True(leftovers.Count == 0, $"{language}: " + string.Join("; ", leftovers));
    }

    [Fact]
    public void Each_template_reads_back_what_it_writes()
    {
        foreach (var template in TextCatalogue.All)
        {
            var values = template.Parameters.ToDictionary(p => p.Name, p => Sample(p.Type, p.Name));
            var written = template.Render(values);
            var found = template.Code.StartsWith("H.", StringComparison.Ordinal) ? TextCatalogue.History(written)
                : template.Code.StartsWith("O.", StringComparison.Ordinal) ? TextCatalogue.Obligation(NodeTexts.Obligations.First(o => o.Template == template).RuleId, written)
                : TextCatalogue.Verdict(RuleOf(template), "Art. 5.1", "Art. 5.1: " + written);
            Assert.True(found.Code == template.Code, $"{template.Code} read back as {found.Code ?? "nothing"}: {written}");
            foreach (var (name, value) in values)
            {
                Assert.Equal(value, found.Params[name]);
            }
        }
    }

    [Fact]
    public void The_rules_write_these_sentences()
    {
        // Each literal piece of each template occurs in the node's source, so a rule reworded without its template fails here.
        var root = Root();
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Gateway"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Texts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var missing = TextCatalogue.All
            .SelectMany(t => PlaceholderPattern().Replace(t.English, "\u0001").Split('\u0001').Select(p => p.Trim(PieceEnds)).Where(p => p.Length > 3).Select(p => (t.Code, Piece: p)))
            .Where(x => !Written(source, x.Piece))
            .Select(x => $"{x.Code}: \"{x.Piece}\"").ToList();
        Assert.True(missing.Count == 0, "Template text the node does not write: " + string.Join("; ", missing));
    }

    /// <summary>The piece occurs in the source, perhaps without a short word at either end that the source writes apart
    /// ("delivered to the receiving system" + " at {time} (other node's clock)").</summary>
    private static bool Written(string source, string piece)
    {
        var words = piece.Split(' ');
        return source.Contains(piece, StringComparison.Ordinal)
            || (words.Length > 1 && words[^1].Length <= 3 && source.Contains(string.Join(' ', words[..^1]), StringComparison.Ordinal))
            || (words.Length > 1 && words[0].Length <= 3 && source.Contains(string.Join(' ', words[1..]), StringComparison.Ordinal));
    }

    private static readonly char[] PieceEnds = [' ', '\'', '.', ',', ';', ':', '(', ')'];

    /// <summary>Sample values per placeholder type, as the node writes them.</summary>
    public static string Sample(string type, string name) => type switch
    {
        "level" => "Top secret (Совершенно секретно)",
        "kind" => "TransferNotice",
        "day" => "2027-03-31",
        "instant" => "2027-03-02 10:00:00Z",
        "utc" => "2027-03-02 10:00 UTC",
        "dur" => "240 hours",
        "policy" => "10 days (policy, not treaty text)",
        "n" => "3",
        "party" => "Turkmenistan",
        "reading" => "CivilCode",
        "change" => "level Secret",
        "what" => "written permission to copy",
        "side" => "ahead of",
        "stage" => "Delivered",
        "obligation" => "Receipt confirmation due 10 days (policy, not treaty text) after dispatch",
        _ => $"x-{name.ToLowerInvariant()}-1",
    };

    private static string RuleOf(TextTemplate template) =>
        RuleTexts.All.Concat(NodeTexts.Refusals).First(r => r.Template == template).RuleId;

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static HashSet<string> EnglishWords(string text) =>
        [.. LatinWord().Matches(PlaceholderPattern().Replace(text, " ")).Select(m => m.Value.ToLowerInvariant())];

    /// <summary>One language's templates: the lines <c>CODE: "text",</c> of wwwroot/texts-{language}.js.</summary>
    public static Dictionary<string, string> Texts(string language) =>
        File.ReadAllLines(Path.Combine(Root(), "src", "Gateway", "Dashboard", "wwwroot", $"texts-{language}.js"))
            .Select(l => Entry().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["code"].Value, m => m.Groups["text"].Value.Replace("\\\"", "\"", StringComparison.Ordinal));

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9]*)(?::([a-z]+))?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"(?<![\p{L}_])[A-Za-z][A-Za-z_]{2,}(?![\p{L}_])")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"^\s+""?(?<code>[A-Z][A-Z0-9_.]*)""?: ""(?<text>(?:[^""\\]|\\.)*)"",\s*$")]
    private static partial Regex Entry();
}
