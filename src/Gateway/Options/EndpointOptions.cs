using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>The node's three listeners: one per kind of caller, so each can demand its own identity.</summary>
public sealed class EndpointOptions
{
    public const string SectionName = "Gateway:Endpoints";

    /// <summary>For the Party's own systems (competent body, authorized bodies).</summary>
    [Required]
    public string Local { get; set; } = "http://127.0.0.1:5101";

    /// <summary>For the other Party's node only.</summary>
    [Required]
    public string Peer { get; set; } = "http://127.0.0.1:5102";

    /// <summary>For operators (read-only monitoring).</summary>
    [Required]
    public string Operator { get; set; } = "http://127.0.0.1:5103";
}
