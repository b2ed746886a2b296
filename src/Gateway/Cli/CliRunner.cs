namespace ClassifiedGateway.Gateway.Cli;

/// <summary>The binary's entry point: picks the command, checks its arguments, runs it, and turns every failure into one
/// sentence on stderr. Exit codes: 0 done, 1 a fault (or a verdict such as a broken audit chain), 2 a mistake in the
/// command line or configuration. A stack trace only with --verbose.</summary>
public static class CliRunner
{
    public const int Mistake = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToList();
        if (rest.Count == 0)
        {
            await Console.Error.WriteAsync(CliCommands.Usage);
            return Mistake;
        }

        if (rest[0] is "--help" or "-h" or "help")
        {
            await Console.Out.WriteAsync(CliCommands.Usage);
            return 0;
        }

        var command = CliCommands.All.FirstOrDefault(c => c.Verb == rest[0]);
        if (command is null)
        {
            await Console.Error.WriteLineAsync(
                $"Unknown command '{CliParser.Shown(rest[0])}'; the commands are {string.Join(", ", CliCommands.All.Select(c => c.Verb))} (--help for more).");
            return Mistake;
        }

        var options = rest.Skip(1).ToList();
        if (options.Contains("--help") || options.Contains("-h"))
        {
            await Console.Out.WriteLineAsync(command.Usage.TrimEnd());
            return 0;
        }

        if (options.Count == 0 && !command.RunsWithoutArguments)
        {
            await Console.Error.WriteLineAsync(command.Usage.TrimEnd());
            return Mistake;
        }

        try
        {
            return await command.Run(CliParser.Check(command, options));
        }
        catch (Exception e)
        {
            var (sentence, mistake) = StartupErrors.Describe(e, (e as NodeStartException)?.Configuration);
            await Console.Error.WriteLineAsync(sentence);
            if (verbose)
            {
                await Console.Error.WriteLineAsync(e.ToString());
            }

            return mistake ? Mistake : 1;
        }
    }
}
