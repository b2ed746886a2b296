using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules.Visits;

/// <summary>Art. 9.1 with 4.2: each visitor's clearance covers the highest level of the questions to be discussed.</summary>
public sealed class VisitorClearanceCoversTopicsRule() : NoticeRule("VISITOR_CLEARANCE_TOO_LOW", "Art. 9.1, 4.2",
    "Every visitor's clearance level is at least the highest level of the classified questions to be discussed.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        if (context.Envelope.NoticeCase != Envelope.NoticeOneofCase.VisitRequest)
        {
            return null;
        }

        var visit = context.Envelope.VisitRequest;
        var highest = Levels.Highest(visit.Topics.Select(t => t.Level));
        for (var i = 0; i < visit.Visitors.Count; i++)
        {
            if (!Levels.Covers(visit.Visitors[i].ClearanceLevel, highest))
            {
                return Verdict($"visitor {i + 1} holds clearance {Levels.Name(visit.Visitors[i].ClearanceLevel)}, below the questions' level {Levels.Name(highest)}.",
                    $"visit_request.visitors[{i}].clearance_level");
            }
        }

        return null;
    }
}
