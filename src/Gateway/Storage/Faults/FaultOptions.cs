namespace ClassifiedGateway.Gateway.Storage.Faults;

/// <summary>Fault injection around the store, for tests of the real binary. Development only: refused at start in Production.</summary>
public sealed class FaultOptions
{
    public const string SectionName = "Gateway:Faults";

    /// <summary>Whether the node watches <see cref="File"/> for faults to inject.</summary>
    /// <value>Default false.</value>
    public bool Enabled { get; set; }

    /// <summary>The file the node reads commands from and deletes once applied (see <see cref="FaultInjector.Apply"/>).</summary>
    /// <value>Default: Gateway:Storage:Sqlite:Path with ".faults" appended (set it when the engine is Postgres).</value>
    public string? File { get; set; }

    /// <summary>Relayed message ids whose admission throws from the start (poison notices), as "poison ID" in the file would.</summary>
    /// <value>Default none.</value>
    public IReadOnlyList<string> Poison { get; set; } = [];

    /// <summary>How often the node looks for the file.</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
