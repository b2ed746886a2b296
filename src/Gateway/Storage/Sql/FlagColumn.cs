using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The <c>messages.flags</c> column: one flag a line, rule id, article and message separated by a unit separator.
/// Rows written before flags had structure hold the message alone; they read back with an empty rule id and article.</summary>
internal static class FlagColumn
{
    private const char Separator = '\u001f';

    public static string Write(IEnumerable<RuleVerdict> flags) =>
        string.Join("\n", flags.Select(f => $"{Clean(f.RuleId)}{Separator}{Clean(f.Article)}{Separator}{Clean(f.Message)}"));

    public static IEnumerable<RuleFlag> Read(string column) => column.Split('\n').Select(line =>
        line.Split(Separator) is [var rule, var article, var message]
            ? new RuleFlag { RuleId = rule, Article = article, Message = message }
            : new RuleFlag { Message = line });

    private static string Clean(string s) => s.Replace('\n', ' ').Replace(Separator, ' ');
}
