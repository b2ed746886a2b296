using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Tests.Unit;

public sealed class RuleCatalogueTests
{
    [Fact]
    public void Docs_rules_md_lists_exactly_the_registered_rules()
    {
        var engine = RulesServiceCollectionExtensions.BuildEngine();
        var expected = RuleCatalogue.Markdown(engine.Catalogue);
        var path = Path.Combine(RepositoryRoot(), "docs", "rules.md");

        var actual = File.ReadAllText(path).Replace("\r", "", StringComparison.Ordinal);

        Assert.True(expected == actual,
            "docs/rules.md is out of step with the registered rules; regenerate it: dotnet run --project src/Gateway -- rules-catalogue > docs/rules.md");
    }

    [Fact]
    public void Every_rule_has_a_unique_id_an_article_and_a_description()
    {
        var rules = RulesServiceCollectionExtensions.BuildEngine().Catalogue.ToList();
        Assert.True(rules.Count >= 25);
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(rules, r =>
        {
            Assert.StartsWith("Art. ", r.Article, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(r.Checks));
            Assert.True(r.PolicyDefault is null || r.PolicyDefault.Contains("policy, not treaty text", StringComparison.Ordinal), r.Id);
        });
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
