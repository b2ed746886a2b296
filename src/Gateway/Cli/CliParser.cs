using System.Globalization;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Checks a command's arguments against the options it declares before anything runs; a mistake is one sentence.</summary>
internal static class CliParser
{
    /// <summary>Returns the arguments as "--name value" pairs and flags (configuration keys as given), or throws
    /// <see cref="CliUsageException"/> naming the first wrong one.</summary>
    public static string[] Check(CliCommand command, IReadOnlyList<string> args) =>
        command.TakesConfiguration ? CheckConfiguration(command, args) : CheckOptions(command, args);

    private static string[] CheckOptions(CliCommand command, IReadOnlyList<string> args)
    {
        var checkedArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"{command.Verb}: unexpected argument '{Shown(args[i])}' (see {command.Verb} --help).");
            }

            var option = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new CliUsageException($"{command.Verb}: unknown option '{Shown(name)}' (see {command.Verb} --help).");
            if (option.IsFlag)
            {
                if (inline is not null)
                {
                    throw new CliUsageException($"{command.Verb}: option {option.Name} takes no value.");
                }

                checkedArgs.Add(option.Name);
                continue;
            }

            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrEmpty(value))
            {
                throw new CliUsageException($"{command.Verb}: option {option.Name} needs a value ({option.Value}).");
            }

            CheckValue(command, option, value);
            checkedArgs.Add(option.Name);
            checkedArgs.Add(value);
        }

        return [.. checkedArgs];
    }

    private static void CheckValue(CliCommand command, CliOption option, string value)
    {
        switch (option.Kind)
        {
            case CliValueKind.ExistingFile when !File.Exists(value):
                throw new CliUsageException($"{command.Verb}: the file given to {option.Name} does not exist: {Shown(value)}.");
            case CliValueKind.Port when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65_000:
                throw new CliUsageException($"{command.Verb}: option {option.Name} must be a number from 1 to 65000, not '{Shown(value)}'.");
        }
    }

    private static string[] CheckConfiguration(CliCommand command, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                throw new CliUsageException($"{command.Verb}: unexpected argument '{Shown(args[i])}'; configuration is given as --Gateway:KEY=VALUE (see {command.Verb} --help).");
            }

            var (name, inline) = Split(args[i]);
            var key = name[2..];
            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null)
                ?? throw new CliUsageException($"{command.Verb}: option --{Shown(key)} needs a value (--{Shown(key)}=VALUE).");
            if (ConfigurationKeys.Problem(key, value) is { } problem)
            {
                throw new CliUsageException($"{command.Verb}: {problem}");
            }
        }

        return [.. args];
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    /// <summary>What the user typed, bounded and on one line, for echoing in a sentence.</summary>
    internal static string Shown(string text) => Domain.SafeText.Bounded(text, 120);
}
