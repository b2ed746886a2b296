using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Settings of the rules module: time zones, the agreement's configured facts, the competent bodies.</summary>
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

    /// <summary>The day the agreement entered into force (Art. 15.1). Empty: computed from DomesticProceduresCompleted notices.</summary>
    /// <value>Default 2017-09-07, the day it entered into force.</value>
    public DateOnly? EntryIntoForce { get; set; } = new DateOnly(2017, 9, 7);

    /// <summary>Kazakhstan's competent body id until a CompetentBodyChange says otherwise.</summary>
    /// <value>Default "kz-knb" (National Security Committee).</value>
    [Required]
    public string KazakhstanCompetentBody { get; set; } = "kz-knb";

    /// <summary>Turkmenistan's competent body id until a CompetentBodyChange says otherwise.</summary>
    /// <value>Default "tm-mns" (Ministry of National Security).</value>
    [Required]
    public string TurkmenistanCompetentBody { get; set; } = "tm-mns";
}
