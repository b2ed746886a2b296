namespace ClassifiedGateway.Gateway.Cli;

/// <summary>One verb of the command line: what it is for, the options it takes, and what it runs.</summary>
/// <param name="Verb">The first argument that selects it.</param>
/// <param name="Summary">One line for the list of commands.</param>
/// <param name="Usage">The usage text printed by --help (and when it is run without the arguments it needs).</param>
/// <param name="Options">Every option it takes; anything else is refused before it runs.</param>
/// <param name="RunsWithoutArguments">False when it does nothing useful without options (it prints its usage and exits 2).</param>
/// <param name="TakesConfiguration">True when its options are configuration keys (--Gateway:X=Y), checked against the known sections.</param>
/// <param name="Run">Runs it with the checked arguments ("--name value" pairs and flags, --verbose removed).</param>
public sealed record CliCommand(
    string Verb, string Summary, string Usage, IReadOnlyList<CliOption> Options, bool RunsWithoutArguments, bool TakesConfiguration,
    Func<string[], Task<int>> Run);

/// <summary>An option of a command.</summary>
/// <param name="Name">With its dashes: "--out".</param>
/// <param name="Value">The value's name shown in usage ("DIR"), or null for a flag.</param>
/// <param name="Kind">What the value must be: checked before the command runs.</param>
public sealed record CliOption(string Name, string? Value, CliValueKind Kind = CliValueKind.Text)
{
    public bool IsFlag => Value is null;

    public static CliOption Flag(string name) => new(name, null);
}

/// <summary>What an option's value must be.</summary>
public enum CliValueKind
{
    Text = 0,
    /// <summary>A file that must exist and be readable.</summary>
    ExistingFile = 1,
    /// <summary>A TCP port base (1-65000).</summary>
    Port = 2,
}
