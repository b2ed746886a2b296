namespace ClassifiedGateway.Gateway.Cli;

/// <summary>"--name value" options of the command-line verbs.</summary>
internal static class CliArgs
{
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
