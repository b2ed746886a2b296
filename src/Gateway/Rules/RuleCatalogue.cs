using System.Text;
using ClassifiedGateway.Gateway.Rules.Agreement;

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
            notice and again on the receiving node when the notice arrives. A refusal has one shape wherever it is
            reported, `classified.gateway.v1.Refusal` (rule id, article, message, repeated fields): on Submit it is a
            detail of the gRPC `FAILED_PRECONDITION` status, beside `google.rpc.ErrorInfo` (reason = rule id, metadata
            `article`; metadata `fields`, comma-joined, is deprecated); by the receiving node it is the receipt's and
            the message's `refusal`. Flags never refuse: the notice is accepted and the flag is recorded as a
            `RuleFlag` (rule id, article, message) in the message's `rule_flags` and its history. Obligations are
            opened by a notice, closed by its answer, and marked overdue by the scheduler once their due time passes.

            Deadlines marked *policy* are configurable defaults of ours (`Gateway:Policy`), not treaty text.

            | rule id | article | what it checks | refuse or flag | policy default |
            |---|---|---|---|---|

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var rule in rules)
        {
            var outcome = rule is IObligationRule ? "flag (overdue obligation)" : rule.Outcome == RuleOutcome.Refuse ? "refuse" : "flag";
            text.Append($"| `{rule.Id}` | {rule.Article} | {rule.Checks} | {outcome} | {rule.PolicyDefault ?? "—"} |\n");
        }

        text.Append(TerminationPeriod.Documentation);
        return text.ToString();
    }
}
