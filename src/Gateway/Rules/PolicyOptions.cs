using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Deadlines that are our policy, not treaty text: every place that shows one says so.</summary>
public sealed class PolicyOptions
{
    public const string SectionName = "Gateway:Policy";

    /// <summary>Receipt confirmation due after a transfer's dispatch (Art. 5.4 sets no term).</summary>
    /// <value>Default 10 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ReceiptConfirmationDue { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Clearance confirmation due after the request (Art. 5.1 sets no term).</summary>
    /// <value>Default 30 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ClearanceConfirmationDue { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Investigation result due after a breach notification (Art. 11 sets no term).</summary>
    /// <value>Default 30 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan InvestigationResultDue { get; set; } = TimeSpan.FromDays(30);

    /// <summary>"Immediately" for a breach notification, counted from discovery (Art. 11).</summary>
    /// <value>Default 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan BreachNotificationWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>"Immediately" for a competent-body change, counted from its effective time (Art. 3.2).</summary>
    /// <value>Default 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan CompetentBodyChangeWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>"As soon as possible" for a level change or declassification, counted from the decision (Art. 6.3).</summary>
    /// <value>Default 10 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ClassificationChangeWithin { get; set; } = TimeSpan.FromDays(10);

    /// <summary>How Art. 15.2's "six months after the day the notice is received" is read (see docs/rules.md).</summary>
    /// <value>Default <see cref="Contracts.V1.TerminationReading.CivilCode"/>: in force until 24:00 of the end date (RF Civil Code arts. 191–194).</value>
    public Contracts.V1.TerminationReading TerminationReading { get; set; } = Contracts.V1.TerminationReading.CivilCode;

    /// <summary>How often the scheduler looks for obligations that passed their due time.</summary>
    /// <value>Default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan OverdueScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Says a duration as people read it, marked as policy.</summary>
    public static string Describe(TimeSpan span) => Duration(span) + " (policy, not treaty text)";

    /// <summary>A duration in hours below two days, in days above.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours < 48 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalDays:0.#} days";
}
