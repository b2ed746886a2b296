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
public sealed record RuleContext(Envelope Envelope, DateTimeOffset DecisionTime, RulePhase Phase, Party LocalParty);

/// <summary>One finding of one rule.</summary>
public sealed record RuleVerdict(string RuleId, string Article, RuleOutcome Outcome, string Message, IReadOnlyList<string> Fields);

/// <summary>One rule of the agreement: pure, I/O-free, never throws. Returns null when the notice passes.</summary>
public interface INoticeRule
{
    string Id { get; }

    string Article { get; }

    RuleVerdict? Evaluate(RuleContext context);
}
