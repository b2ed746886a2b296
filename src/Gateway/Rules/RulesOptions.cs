using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Settings of the rules module.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Gateway:Rules";

    /// <summary>Kazakhstan's IANA time zone.</summary>
    /// <value>Default "Asia/Almaty" (UTC+05:00 since 2024).</value>
    [Required]
    public string KazakhstanTimeZone { get; set; } = "Asia/Almaty";

    /// <summary>Turkmenistan's IANA time zone.</summary>
    /// <value>Default "Asia/Ashgabat" (UTC+05:00).</value>
    [Required]
    public string TurkmenistanTimeZone { get; set; } = "Asia/Ashgabat";
}
