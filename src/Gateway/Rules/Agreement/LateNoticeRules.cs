using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Agreement;

/// <summary>Base for "send it immediately / as soon as possible" rules: never refuse, flag when later than the policy allows.</summary>
public abstract class LateNoticeRule(string id, string article, string checks, TimeSpan within, Case kind, string what)
    : NoticeRule(id, article, checks, RuleOutcome.Flag, PolicyOptions.Describe(within))
{
    protected abstract Timestamp? Since(Envelope envelope);

    public override RuleVerdict? Evaluate(RuleContext context)
    {
        // An event time out of range is the validator's to refuse; a rule never converts it.
        if (context.Envelope.NoticeCase != kind || !WireTimes.TryToDateTimeOffset(Since(context.Envelope), out var since))
        {
            return null;
        }

        var due = WireTimes.AddClamped(since, within);
        return context.DecisionTime <= due
            ? null
            : Verdict($"{what} was sent {PolicyOptions.Duration(context.DecisionTime - since)} after the event; {PolicyOptions.Describe(within)} are allowed. Accepted and flagged late.");
    }
}

/// <summary>Art. 11: a breach is notified immediately after discovery.</summary>
public sealed class BreachNotificationLateRule(IOptions<PolicyOptions> policy) : LateNoticeRule("BREACH_NOTIFICATION_LATE", "Art. 11",
    "A breach notification sent later than the policy period after discovery is accepted and flagged late (never refused).",
    policy.Value.BreachNotificationWithin, Case.BreachNotification, "the breach notification")
{
    protected override Timestamp? Since(Envelope envelope) => envelope.BreachNotification.DiscoveredAt;
}

/// <summary>Art. 3.2: a change of competent body is notified immediately.</summary>
public sealed class CompetentBodyChangeLateRule(IOptions<PolicyOptions> policy) : LateNoticeRule("COMPETENT_BODY_CHANGE_LATE", "Art. 3.2",
    "A competent-body change sent later than the policy period after its effective time is accepted and flagged late.",
    policy.Value.CompetentBodyChangeWithin, Case.CompetentBodyChange, "the competent-body change")
{
    protected override Timestamp? Since(Envelope envelope) => envelope.CompetentBodyChange.EffectiveAt;
}

/// <summary>Art. 6.3: a level change or declassification is notified as soon as possible.</summary>
public sealed class ClassificationChangeLateRule(IOptions<PolicyOptions> policy) : LateNoticeRule("CLASSIFICATION_CHANGE_LATE", "Art. 6.3",
    "A level change or declassification sent later than the policy period after the decision is accepted and flagged late.",
    policy.Value.ClassificationChangeWithin, Case.ClassificationChange, "the classification change")
{
    protected override Timestamp? Since(Envelope envelope) => envelope.ClassificationChange.DecidedAt;
}
