using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Where a rule runs: on the sending node before it accepts, or on the receiving node when a notice arrives.</summary>
public enum RulePhase
{
    Submit = 1,
    Relay = 2,
}

/// <summary>What a rule does when it finds something: refuse the notice, or accept it and flag it.</summary>
public enum RuleOutcome
{
    Refuse = 1,
    Flag = 2,
}

/// <summary>The facts a rule sees. <paramref name="DecisionTime"/> is when the sending node accepted the notice
/// (on relay too: a notice delayed by an outage is judged by when it was sent, not when it arrived).</summary>
public sealed record RuleContext(Envelope Envelope, DateTimeOffset DecisionTime, RulePhase Phase, Party LocalParty, Facts Facts);

/// <summary>One finding of one rule.</summary>
public sealed record RuleVerdict(string RuleId, string Article, RuleOutcome Outcome, string Message, IReadOnlyList<string> Fields);

/// <summary>How a rule is listed in the catalogue (docs/rules.md).</summary>
public interface IRuleDescription
{
    string Id { get; }

    string Article { get; }

    /// <summary>What it checks, in one sentence.</summary>
    string Checks { get; }

    RuleOutcome Outcome { get; }

    /// <summary>The policy default it applies, or null when it applies treaty text only.</summary>
    string? PolicyDefault { get; }
}

/// <summary>One rule of the agreement: pure, I/O-free, never throws. Returns null when the notice passes.</summary>
public interface INoticeRule : IRuleDescription
{
    RuleVerdict? Evaluate(RuleContext context);
}

/// <summary>Something a notice obliges someone to send, by when.</summary>
public sealed record ObligationPlan(
    string RuleId, string Article, string Description, bool Policy, Party DebtorParty, string DebtorBody, DateTimeOffset DueAt,
    Envelope.NoticeOneofCase ClosedBy);

/// <summary>A rule that opens an obligation when a notice is accepted; the scheduler flags it when it passes due.</summary>
public interface IObligationRule : IRuleDescription
{
    ObligationPlan? Plan(Envelope envelope, DateTimeOffset acceptedAt);
}

/// <summary>The rules' decision for a new notice: a refusal, or admission with flags and the obligations it opens.</summary>
public sealed record Admission(Refusal? Refusal, IReadOnlyList<RuleVerdict> Flags, IReadOnlyList<ObligationPlan> Obligations)
{
    public static Admission Admit { get; } = new(null, [], []);
}
