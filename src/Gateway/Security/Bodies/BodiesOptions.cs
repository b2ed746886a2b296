using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Which body ids belong to which Party (competent bodies and authorized bodies). Required: a body id not listed here
/// (or introduced by an accepted CompetentBodyChange) cannot send or receive a notice.</summary>
public sealed class BodiesOptions
{
    public const string SectionName = "Gateway:Bodies";

    /// <summary>Kazakhstan's body ids (e.g. kz-knb, kz-ab-1).</summary>
    /// <value>No default: Production must configure it (appsettings.Development.json holds the development PKI's bodies).</value>
    public List<string> KZ { get; set; } = [];

    /// <summary>Turkmenistan's body ids (e.g. tm-mns, tm-ab-1).</summary>
    /// <value>No default, as for <see cref="KZ"/>.</value>
    public List<string> TM { get; set; } = [];
}

/// <summary>Both lists present, every id in the body-id charset, no id in both lists.</summary>
internal sealed partial class BodiesOptionsValidator : IValidateOptions<BodiesOptions>
{
    public ValidateOptionsResult Validate(string? name, BodiesOptions options)
    {
        var failures = new List<string>();
        if (options.KZ.Count == 0 || options.TM.Count == 0)
        {
            failures.Add("The body registry is required: list each Party's body ids under Gateway:Bodies:KZ and Gateway:Bodies:TM " +
                "(e.g. --Gateway:Bodies:KZ:0=kz-knb --Gateway:Bodies:TM:0=tm-mns, or an appsettings file; docs/security.md: Body registry).");
        }

        foreach (var bad in options.KZ.Concat(options.TM).Where(id => !BodyId().IsMatch(id ?? "")).Take(3))
        {
            failures.Add($"Gateway:Bodies: '{Domain.SafeText.Bounded(bad)}' is not a body id (1-128 of A-Z a-z 0-9 . _ : -).");
        }

        foreach (var both in options.KZ.Intersect(options.TM, StringComparer.Ordinal).Take(3))
        {
            failures.Add($"Gateway:Bodies: '{Domain.SafeText.Bounded(both)}' is listed for both Parties.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex BodyId();
}
