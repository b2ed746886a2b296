using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>The registry of competent bodies (Art. 3): configured at first, then as CompetentBodyChange notices say.</summary>
public sealed class CompetentBodies(string kazakhstan, string turkmenistan)
{
    public string Kazakhstan { get; private set; } = kazakhstan;

    public string Turkmenistan { get; private set; } = turkmenistan;

    public string Of(Party party) => party == Party.Tm ? Turkmenistan : Kazakhstan;

    public bool IsCompetentBody(Party party, string body) => Of(party) == body;

    /// <summary>Applies accepted changes in the order they were accepted.</summary>
    public static CompetentBodies From(RulesOptions options, IEnumerable<LedgerEntry> changes)
    {
        var registry = new CompetentBodies(options.KazakhstanCompetentBody, options.TurkmenistanCompetentBody);
        foreach (var change in changes.OrderBy(c => c.AcceptedAt))
        {
            if (change.Envelope.SenderParty == Party.Tm)
            {
                registry.Turkmenistan = change.Envelope.CompetentBodyChange.NewBodyId;
            }
            else
            {
                registry.Kazakhstan = change.Envelope.CompetentBodyChange.NewBodyId;
            }
        }

        return registry;
    }
}
