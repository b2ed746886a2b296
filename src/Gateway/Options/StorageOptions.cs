using System.ComponentModel.DataAnnotations;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>Where and how the node keeps its messages.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Gateway:Storage";

    /// <summary>The engine: "Sqlite" (embedded default).</summary>
    /// <value>Default "Sqlite".</value>
    [Required]
    public string Engine { get; set; } = "Sqlite";

    /// <summary>The SQLite database file.</summary>
    /// <value>Default "data/gateway.db".</value>
    [Required]
    public string SqlitePath { get; set; } = "data/gateway.db";

    /// <summary>Most writes committed in one transaction (one fsync) by the group committer.</summary>
    /// <value>Default 256.</value>
    [Range(1, 10_000)]
    public int MaxGroupCommit { get; set; } = 256;
}
