using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>An in-memory ledger for rule tests: the same lookups the store answers, over a list.</summary>
internal sealed class InMemoryLedger(IEnumerable<LedgerEntry> entries) : ILedger
{
    private readonly List<LedgerEntry> _entries = [.. entries];

    public LedgerEntry? Find(string messageId) => _entries.FirstOrDefault(e => e.Id == messageId);

    public IReadOnlyList<LedgerEntry> ByKey(string key) => [.. _entries.Where(e => LedgerKeys.For(e.Envelope).Contains(key))];

    public IReadOnlyList<LedgerEntry> AnswersTo(string messageKey) =>
        [.. _entries.Where(e => e.Envelope.InReplyTo.Length > 0 && _entries.Any(r => r.StoreKey == messageKey && r.Id == e.Envelope.InReplyTo))];
}

/// <summary>Builds rule contexts the way the engine does (through the facts collector).</summary>
internal static class RuleTesting
{
    public static RulesOptions Options { get; } = new();

    public static HostTimeZones Zones { get; } = new(Options);

    /// <summary>A ledger entry accepted at <paramref name="at"/> and received by the other node at the same time.</summary>
    public static LedgerEntry Entry(Envelope envelope, DateTimeOffset at) =>
        new(envelope.Id, envelope, envelope.SenderParty == Party.Kz ? Direction.Outbound : Direction.Inbound, Stage.Relayed, at, at);

    public static RuleContext Context(Envelope envelope, DateTimeOffset now, params LedgerEntry[] ledger) =>
        Context(envelope, now, Options, ledger);

    public static RuleContext Context(Envelope envelope, DateTimeOffset now, RulesOptions options, params LedgerEntry[] ledger)
    {
        var facts = FactsCollector.Collect(envelope, new InMemoryLedger(ledger), options, new HostTimeZones(options), envelope.SenderParty, now);
        return new RuleContext(envelope, now, RulePhase.Submit, envelope.SenderParty, facts);
    }
}
