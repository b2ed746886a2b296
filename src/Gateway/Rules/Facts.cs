using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>What the rules know when they judge one notice: an in-memory snapshot, so every rule stays pure.</summary>
public sealed class Facts
{
    private readonly Dictionary<string, LedgerEntry> _entries;
    private readonly Dictionary<string, IReadOnlyList<LedgerEntry>> _keyed;

    public Facts(IEnumerable<LedgerEntry> entries, IReadOnlyDictionary<string, IReadOnlyList<LedgerEntry>> keyed, AgreementState agreement, CompetentBodies competentBodies)
    {
        _entries = entries.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        _keyed = keyed.ToDictionary(k => k.Key, k => k.Value);
        Agreement = agreement;
        CompetentBodies = competentBodies;
    }

    public AgreementState Agreement { get; }

    public CompetentBodies CompetentBodies { get; }

    public LedgerEntry? Find(string id) => id.Length > 0 && _entries.TryGetValue(id, out var entry) ? entry : null;

    public IReadOnlyList<LedgerEntry> ByKey(string key) => _keyed.TryGetValue(key, out var list) ? list : [];

    public IEnumerable<LedgerEntry> AnswersTo(string id) =>
        _entries.Values.Where(e => e.Envelope.InReplyTo == id).OrderBy(e => e.AcceptedAt);

    /// <summary>The entry with <paramref name="id"/> if it carries the given kind of notice.</summary>
    public LedgerEntry? Find(string id, Envelope.NoticeOneofCase kind) => Find(id) is { } e && e.Envelope.NoticeCase == kind ? e : null;
}
