using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Art. 2 levels compared as the agreement compares them: 1 (Of special importance) is the highest.</summary>
public static class Levels
{
    /// <summary>True when <paramref name="held"/> is a level and is at least as high as <paramref name="required"/>.</summary>
    public static bool Covers(ClassificationLevel held, ClassificationLevel required) =>
        held != ClassificationLevel.Unspecified && (required == ClassificationLevel.Unspecified || (int)held <= (int)required);

    /// <summary>The highest of the given levels (Unspecified when none).</summary>
    public static ClassificationLevel Highest(IEnumerable<ClassificationLevel> levels) =>
        levels.Where(l => l != ClassificationLevel.Unspecified).DefaultIfEmpty(ClassificationLevel.Unspecified).Min();

    /// <summary>The English and authoritative Russian names, for messages.</summary>
    public static string Name(ClassificationLevel level) => level switch
    {
        ClassificationLevel.OfSpecialImportance => "Of special importance (Особой важности)",
        ClassificationLevel.TopSecret => "Top secret (Совершенно секретно)",
        ClassificationLevel.Secret => "Secret (Секретно)",
        _ => "no level",
    };
}
