using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Visits;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 9.1 with 4.2: every visitor's clearance covers the highest level of the questions to be discussed.</summary>
public sealed class VisitorClearanceRuleTests
{
    private static readonly VisitorClearanceCoversTopicsRule Rule = new();

    private static readonly ClassificationLevel[] All =
        [ClassificationLevel.Secret, ClassificationLevel.TopSecret, ClassificationLevel.OfSpecialImportance];

    public static TheoryData<string, string, string, string?> Combinations
    {
        get
        {
            // visitors' clearance levels, topics' levels, field at fault
            var data = new TheoryData<string, string, string, string?>();
            foreach (var held in All)
            {
                foreach (var topic in All)
                {
                    var covers = (int)held <= (int)topic;
                    data.Add($"visitor {held}, topic {topic}: {(covers ? "covered" : "too low")}", held.ToString(), topic.ToString(),
                        covers ? null : "visit_request.visitors[0].clearance_level");
                }
            }

            data.Add("the highest of several topics counts", "TopSecret", "Secret+OfSpecialImportance+Secret", "visit_request.visitors[0].clearance_level");
            data.Add("several topics, all covered", "TopSecret", "Secret+TopSecret", null);
            data.Add("the second visitor is too low", "TopSecret+Secret", "TopSecret", "visit_request.visitors[1].clearance_level");
            data.Add("the first of two low visitors is reported", "Secret+Secret", "TopSecret", "visit_request.visitors[0].clearance_level");
            data.Add("every visitor covered", "OfSpecialImportance+TopSecret+TopSecret", "TopSecret", null);
            data.Add("a visitor without clearance", "Unspecified", "Secret", "visit_request.visitors[0].clearance_level");
            data.Add("no classified topic: any cleared visitor", "Secret", "", null);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Each_visitors_clearance_covers_the_highest_topic(string name, string visitors, string topics, string? field)
    {
        var request = Notice("v-1", Case.VisitRequest, Party.Kz);
        request.VisitRequest.Visitors.Clear();
        foreach (var level in LevelsOf(visitors))
        {
            var visitor = Notices.Visitor();
            visitor.ClearanceLevel = level;
            request.VisitRequest.Visitors.Add(visitor);
        }

        request.VisitRequest.Topics.Clear();
        foreach (var level in LevelsOf(topics))
        {
            request.VisitRequest.Topics.Add(new DiscussionTopic { Subject = $"Topic {level}", Level = level });
        }

        Expect(Rule.Evaluate(Context(request)), "VISITOR_CLEARANCE_TOO_LOW", "Art. 9.1, 4.2", field, name);
    }

    [Fact]
    public void Other_notices_pass() =>
        Passes(Rule.Evaluate(Context(Transfer("t-1", "OfSpecialImportance"))), "a transfer");
}
