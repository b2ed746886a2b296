using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Agreement;
using Google.Protobuf.WellKnownTypes;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 11, 3.2, 6.3: "immediately" and "as soon as possible" are policy periods; a late notice is accepted and flagged, never refused.</summary>
public sealed class LateNoticeRulesTests
{
    /// <summary>When the breach was discovered, the change took effect or the level change was decided.</summary>
    private static readonly DateTimeOffset Event = At("2027-03-01T10:00:00+05:00");

    private static INoticeRule[] Rules(PolicyOptions policy) =>
        [new BreachNotificationLateRule(Policy(policy)), new CompetentBodyChangeLateRule(Policy(policy)), new ClassificationChangeLateRule(Policy(policy))];

    private static readonly Dictionary<Case, (string Id, string Article)> Owners = new()
    {
        [Case.BreachNotification] = ("BREACH_NOTIFICATION_LATE", "Art. 11"),
        [Case.CompetentBodyChange] = ("COMPETENT_BODY_CHANGE_LATE", "Art. 3.2"),
        [Case.ClassificationChange] = ("CLASSIFICATION_CHANGE_LATE", "Art. 6.3"),
    };

    private static Envelope Late(Case kind, DateTimeOffset? since)
    {
        var e = Notice("n-1", kind, Party.Kz);
        var at = since is { } s ? Timestamp.FromDateTimeOffset(s) : null;
        switch (kind)
        {
            case Case.BreachNotification: e.BreachNotification.DiscoveredAt = at; break;
            case Case.CompetentBodyChange: e.CompetentBodyChange.EffectiveAt = at; break;
            case Case.ClassificationChange: e.ClassificationChange.DecidedAt = at; break;
        }

        return e;
    }

    /// <summary>The owning rule flags (or not); the other two never say anything about this kind.</summary>
    private static void ExpectLate(string name, Case kind, TimeSpan elapsed, bool flagged, PolicyOptions policy)
    {
        var context = RuleTesting.Context(Late(kind, Event), Event + elapsed);
        foreach (var rule in Rules(policy))
        {
            var verdict = rule.Evaluate(context);
            if (flagged && Owners.TryGetValue(kind, out var owner) && rule.Id == owner.Id)
            {
                var flag = Flagged(verdict, owner.Id, owner.Article, name);
                Assert.Contains("policy", flag.Message, StringComparison.Ordinal);
                Assert.Contains("Accepted and flagged late", flag.Message, StringComparison.Ordinal);
            }
            else
            {
                Passes(verdict, $"{name} ({rule.Id})");
            }
        }
    }

    public static TheoryData<string, Case, string, bool> Defaults => new()
    {
        // kind, time from the event to the decision (d.hh:mm:ss), flagged?
        { "breach: at once", Case.BreachNotification, "00:00:00", false },
        { "breach: exactly 24 hours", Case.BreachNotification, "1.00:00:00", false },
        { "breach: 24 hours and one second", Case.BreachNotification, "1.00:00:01", true },
        { "breach: a week", Case.BreachNotification, "7.00:00:00", true },
        { "competent-body change: exactly 24 hours", Case.CompetentBodyChange, "1.00:00:00", false },
        { "competent-body change: 24 hours and one second", Case.CompetentBodyChange, "1.00:00:01", true },
        { "competent-body change: announced before it takes effect", Case.CompetentBodyChange, "-3.00:00:00", false },
        { "classification change: exactly 10 days", Case.ClassificationChange, "10.00:00:00", false },
        { "classification change: 10 days and one second", Case.ClassificationChange, "10.00:00:01", true },
        { "classification change: 2 days", Case.ClassificationChange, "2.00:00:00", false },
        { "a consultation is never late", Case.ConsultationRequest, "400.00:00:00", false },
        { "a transfer is never late", Case.TransferNotice, "400.00:00:00", false },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Late_by_the_default_policy_is_flagged_never_refused(string name, Case kind, string elapsed, bool flagged) =>
        ExpectLate(name, kind, TimeSpan.Parse(elapsed, CultureInfo.InvariantCulture), flagged, new PolicyOptions());

    public static TheoryData<string, Case, string, bool> Configured => new()
    {
        // with every period set to one hour
        { "breach: exactly one hour", Case.BreachNotification, "01:00:00", false },
        { "breach: one hour and one second", Case.BreachNotification, "01:00:01", true },
        { "competent-body change: exactly one hour", Case.CompetentBodyChange, "01:00:00", false },
        { "competent-body change: one hour and one second", Case.CompetentBodyChange, "01:00:01", true },
        { "classification change: exactly one hour", Case.ClassificationChange, "01:00:00", false },
        { "classification change: one hour and one second", Case.ClassificationChange, "01:00:01", true },
    };

    [Theory]
    [MemberData(nameof(Configured))]
    public void The_limit_is_the_configured_policy(string name, Case kind, string elapsed, bool flagged) =>
        ExpectLate(name, kind, TimeSpan.Parse(elapsed, CultureInfo.InvariantCulture), flagged, new PolicyOptions
        {
            BreachNotificationWithin = TimeSpan.FromHours(1),
            CompetentBodyChangeWithin = TimeSpan.FromHours(1),
            ClassificationChangeWithin = TimeSpan.FromHours(1),
        });

    [Theory]
    [InlineData(Case.BreachNotification)]
    [InlineData(Case.CompetentBodyChange)]
    [InlineData(Case.ClassificationChange)]
    public void Without_the_event_time_there_is_nothing_to_measure(Case kind)
    {
        var context = RuleTesting.Context(Late(kind, null), Event.AddDays(400));
        Assert.All(Rules(new PolicyOptions()), rule => Passes(rule.Evaluate(context), $"{kind} ({rule.Id})"));
    }

    [Fact]
    public void The_catalogue_marks_them_as_flags_with_a_policy_default() =>
        Assert.All(Rules(new PolicyOptions()), rule =>
        {
            Assert.Equal(RuleOutcome.Flag, rule.Outcome);
            Assert.Contains("policy", rule.PolicyDefault, StringComparison.Ordinal);
        });
}
