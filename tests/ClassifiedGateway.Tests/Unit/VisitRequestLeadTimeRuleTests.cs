using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Visits;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Unit;

public sealed class VisitRequestLeadTimeRuleTests
{
    private static readonly VisitRequestLeadTimeRule Rule = new(new HostTimeZones(new RulesOptions()));

    public static TheoryData<string, string, bool, string> Cases => new()
    {
        // first day, submitted at (instant), refused?, why
        { "2027-03-31", "2027-02-28T12:00:00+05:00", false, "31 March: 28 February is the last allowed day" },
        { "2027-03-31", "2027-03-01T00:00:00+05:00", true, "31 March: 1 March is the first refused day" },
        { "2028-03-31", "2028-02-29T23:59:59+05:00", false, "leap year: 29 February is allowed" },
        { "2028-03-31", "2028-03-01T00:00:00+05:00", true, "leap year: 1 March is refused" },
        { "2027-04-15", "2027-03-15T23:59:59+05:00", false, "mid-month: same day a month before is allowed" },
        { "2027-04-15", "2027-03-16T00:00:00+05:00", true, "mid-month: the day after is refused" },
        { "2027-03-31", "2027-02-28T18:59:59+00:00", false, "time zone: 23:59 on 28 Feb in the host's zone" },
        { "2027-03-31", "2027-02-28T19:00:00+00:00", true, "time zone: still 28 Feb in UTC but 1 March in the host's zone" },
        { "2027-01-31", "2026-12-31T10:00:00+05:00", false, "year boundary: 31 December for 31 January" },
        { "2027-01-31", "2027-01-01T10:00:00+05:00", true, "year boundary: 1 January is late" },
        { "2027-05-31", "2027-04-30T10:00:00+05:00", false, "30-day month: 30 April for 31 May" },
        { "2027-05-31", "2027-05-01T10:00:00+05:00", true, "30-day month: 1 May is late" },
        { "2027-06-01", "2027-01-01T10:00:00+05:00", false, "well ahead" },
        { "2027-03-10", "2027-03-12T10:00:00+05:00", true, "after the visit started" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lead_time_is_one_calendar_month_in_the_hosts_zone(string firstDay, string submittedAt, bool refused, string why)
    {
        foreach (var host in new[] { Party.Tm, Party.Kz })
        {
            var envelope = Notices.Envelope("v", host == Party.Tm ? Party.Kz : Party.Tm, DateTimeOffset.Parse(submittedAt),
                Envelope.NoticeOneofCase.VisitRequest);
            envelope.VisitRequest = Notices.Visit(DateOnly.Parse(firstDay));

            var verdict = Rule.Evaluate(RuleTesting.Context(envelope, DateTimeOffset.Parse(submittedAt)));

            Assert.True(refused == verdict is not null, why);
            if (verdict is not null)
            {
                Assert.Equal(RuleOutcome.Refuse, verdict.Outcome);
                Assert.Equal("Art. 9.2", verdict.Article);
                Assert.StartsWith($"Art. 9.2: a visit on {firstDay} must be requested by ", verdict.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Other_notices_pass()
    {
        var envelope = Notices.Consultation("c", Party.Kz, DateTimeOffset.Parse("2027-01-01T00:00:00Z"));
        Assert.Null(Rule.Evaluate(RuleTesting.Context(envelope, DateTimeOffset.Parse("2027-01-01T00:00:00Z"))));
    }
}
