using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>Party codes as people write them (KZ, TM) and as the wire carries them.</summary>
public static class PartyCodes
{
    public static bool TryParse(string? code, out Party party)
    {
        party = code?.Trim().ToUpperInvariant() switch
        {
            "KZ" => Party.Kz,
            "TM" => Party.Tm,
            _ => Party.Unspecified,
        };
        return party != Party.Unspecified;
    }

    public static Party Parse(string code) =>
        TryParse(code, out var party) ? party : throw new ArgumentException($"Unknown Party '{code}'.", nameof(code));

    public static bool IsKnown(Party party) => party is Party.Kz or Party.Tm;

    public static Party Other(Party party) => party switch
    {
        Party.Kz => Party.Tm,
        Party.Tm => Party.Kz,
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Not a Party to the agreement."),
    };

    public static string Code(Party party) => party switch
    {
        Party.Kz => "KZ",
        Party.Tm => "TM",
        _ => "?",
    };
}
