using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Turns what stopped a command or the node's start into one sentence naming the option or file at fault.</summary>
internal static partial class StartupErrors
{
    /// <summary>The sentence, and whether it was a mistake in the command line or configuration (exit 2) rather than a fault (exit 1).</summary>
    /// <param name="configuration">The node's configuration when it was built, to name the key that holds a failing path or address.</param>
    public static (string Sentence, bool Mistake) Describe(Exception exception, IConfiguration? configuration)
    {
        string? KeyOf(string value) => configuration?.AsEnumerable()
            .Where(kv => kv.Value is { Length: > 0 } v && (v == value || v.StartsWith(value.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .Select(kv => kv.Key).OrderBy(k => k.Length).FirstOrDefault();

        foreach (var e in Chain(exception))
        {
            if (Known(e, KeyOf, configuration) is { } sentence)
            {
                return (Sentence(sentence), true);
            }
        }

        var root = Chain(exception).Last();
        return (Sentence($"Stopped by an unexpected error ({root.GetType().Name}: {FirstLine(root.Message)}); run again with --verbose for the details."), false);
    }

    private static string? Known(Exception e, Func<string, string?> keyOf, IConfiguration? configuration) => e switch
    {
        CliUsageException usage => usage.Message,
        OptionsValidationException options => $"Invalid configuration: {Failure(options)}",
        InvalidOperationException when ConversionFailure().Match(e.Message) is { Success: true } m =>
            $"Invalid configuration: {m.Groups["key"].Value} is not a valid {Type(m.Groups["type"].Value)}.",
        IOException when e.InnerException?.GetType().Name == "AddressInUseException" || (e.InnerException as SocketException)?.SocketErrorCode == SocketError.AddressAlreadyInUse =>
            Bind(e.Message, "is already in use by another program", keyOf),
        IOException when e.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal) =>
            Bind(e.Message, $"cannot be used ({FirstLine(e.InnerException?.Message ?? e.Message)})", keyOf),
        FileNotFoundException file => $"File not found: {Named(file.FileName ?? "", keyOf)}.",
        DirectoryNotFoundException => $"Path not found: {FirstLine(e.Message)}",
        UnauthorizedAccessException => $"Permission denied: {FirstLine(e.Message)}",
        SqliteException sqlite => $"Cannot use the database {configuration?["Gateway:Storage:Sqlite:Path"] ?? new Options.SqliteStorageOptions().Path} (Gateway:Storage:Sqlite:Path): {FirstLine(sqlite.Message)}",
        // Npgsql's messages name the server and the failure, never the password.
        NpgsqlException postgres => $"Cannot use the PostgreSQL database (Gateway:Storage:Postgres:ConnectionString): {FirstLine(postgres.Message)}",
        Storage.StoreConfigurationException store => store.Message,
        CryptographicException => $"A certificate or key file could not be read ({FirstLine(e.Message)}); check the Gateway:Tls settings.",
        _ => null,
    };

    /// <summary>One line, ending with a full stop.</summary>
    private static string Sentence(string text)
    {
        var line = Domain.SafeText.Bounded(text.Split('\n', 2)[0].Trim(), 500);
        return line.EndsWith('.') ? line : line + ".";
    }

    private static string Bind(string message, string problem, Func<string, string?> keyOf)
    {
        var address = BindAddress().Match(message) is { Success: true } m ? m.Groups["address"].Value : "a listener's address";
        var key = keyOf(address);
        return $"Cannot listen on {address}{(key is null ? "" : $" ({key})")}: the address {problem}.";
    }

    private static string Named(string path, Func<string, string?> keyOf) =>
        keyOf(path) is { } key ? $"{path} ({key})" : path;

    private static string Failure(OptionsValidationException e)
    {
        var section = e.OptionsType.GetField("SectionName")?.GetRawConstantValue() as string;
        var failures = e.Failures.Select(f => DataAnnotationFailure().Match(f) is { Success: true } m && section is not null
            ? $"{section}:{m.Groups["member"].Value}: {m.Groups["error"].Value}"
            : FirstLine(f)).ToList();
        return failures.Count switch
        {
            0 => FirstLine(e.Message),
            1 => failures[0],
            _ => $"{failures[0].TrimEnd('.')} (and {failures.Count - 1} more)",
        };
    }

    private static string Type(string type) => System.Type.GetType(type) is { } t ? ConfigurationKeys.Describe(Nullable.GetUnderlyingType(t) ?? t) : type;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }

            yield return e;
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return Domain.SafeText.Bounded(line, 300);
    }

    [GeneratedRegex("Failed to convert configuration value (?:'[^']*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("members: '(?<member>[^']+)' with the error: '(?<error>.+)'\\.?$")]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("address (?<address>\\S+?):? ")]
    private static partial Regex BindAddress();
}
