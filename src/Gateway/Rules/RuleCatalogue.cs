using System.Text;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Writes docs/rules.md from the registered rules, so the catalogue cannot drift from the code.</summary>
public static class RuleCatalogue
{
    public static string Markdown(IEnumerable<IRuleDescription> rules)
    {
        var text = new StringBuilder();
        text.Append("""
            # Rules catalogue

            Generated from the registered rules by `dotnet run --project src/Gateway -- rules-catalogue > docs/rules.md`;
            a test fails when this file and the code disagree. Every rule runs on the sending node before it accepts a
            notice and again on the receiving node when the notice arrives. A refusal is a gRPC `FAILED_PRECONDITION`
            with `google.rpc.ErrorInfo` (reason = rule id, metadata `article` and `fields`). Flags never refuse: the
            notice is accepted and the flag is recorded in its history. Obligations are opened by a notice, closed by
            its answer, and marked overdue by the scheduler once their due time passes.

            Deadlines marked *policy* are configurable defaults of ours (`Gateway:Policy`), not treaty text.

            | rule id | article | what it checks | refuse or flag | policy default |
            |---|---|---|---|---|

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var rule in rules)
        {
            var outcome = rule is IObligationRule ? "flag (overdue obligation)" : rule.Outcome == RuleOutcome.Refuse ? "refuse" : "flag";
            text.Append($"| `{rule.Id}` | {rule.Article} | {rule.Checks} | {outcome} | {rule.PolicyDefault ?? "—"} |\n");
        }

        return text.ToString();
    }
}
