using System.Collections;
using System.ComponentModel;
using System.Reflection;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Which configuration keys the node knows: every property of every options class (a type with a
/// <c>const string SectionName</c>), plus the host's and the logger's own sections.</summary>
/// <remarks>A key that matches nothing would be ignored silently by the configuration binder, so a typo
/// (--Gateway:Relay:BachSize) would run the node on a default nobody chose; it is refused instead.</remarks>
internal static class ConfigurationKeys
{
    /// <summary>Sections the node passes on whole to the host and the logger.</summary>
    private static readonly string[] OpenSections = ["Serilog", "Logging"];

    /// <summary>Single keys the host reads itself.</summary>
    private static readonly string[] HostKeys = ["urls", "environment", "applicationName", "contentRoot"];

    private static readonly Lazy<IReadOnlyList<(string Section, Type Type)>> Sections = new(FindSections);

    /// <summary>Why <paramref name="key"/>=<paramref name="value"/> cannot be configuration (one sentence), or null when it can.</summary>
    public static string? Problem(string key, string value)
    {
        if (HostKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            || OpenSections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (Options.StorageOptionsValidator.Renamed.TryGetValue(key, out var renamed))
        {
            return $"option --{CliParser.Shown(key)} was renamed: use --{renamed}.";
        }

        var section = Sections.Value
            .Where(s => key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Section.Length)
            .Select(s => ((string Section, Type Type)?)s)
            .FirstOrDefault();
        if (section is null)
        {
            return $"unknown option --{CliParser.Shown(key)}: configuration keys start with Gateway:, Serilog: or Logging: (see node --help).";
        }

        var path = key[(section.Value.Section.Length + 1)..].Split(':');
        var type = section.Value.Type;
        for (var i = 0; i < path.Length; i++)
        {
            var property = type.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod?.IsPublic != true && !IsCollection(property.PropertyType) && !IsNested(property.PropertyType)))
            {
                return $"unknown option --{CliParser.Shown(key)}: {section.Value.Section} has no setting '{CliParser.Shown(path[i])}'.";
            }

            type = property.PropertyType;
            if (IsCollection(type))
            {
                return null;
            }

            if (!IsNested(type))
            {
                return i == path.Length - 1 ? ValueProblem(key, type, value) : $"unknown option --{CliParser.Shown(key)}: '{property.Name}' has no parts.";
            }
        }

        return $"option --{CliParser.Shown(key)} names a group of settings, not one setting.";
    }

    private static string? ValueProblem(string key, Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || (value.Length == 0 && Nullable.GetUnderlyingType(type) is not null))
        {
            return null;
        }

        try
        {
            // The converter the configuration binder itself uses.
            _ = TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return $"option --{CliParser.Shown(key)}: '{CliParser.Shown(value)}' is not a valid {Describe(target)}.";
        }
    }

    internal static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "duration (e.g. 00:00:05 for 5 seconds, 1.00:00:00 for a day)",
        _ when type == typeof(DateTimeOffset) => "instant (e.g. 2026-01-31T09:00:00Z)",
        _ when type == typeof(DateOnly) => "date (e.g. 2017-09-07)",
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => $"value ({string.Join(", ", Enum.GetNames(type))})",
        _ => type.Name,
    };

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !IsCollection(type) && Nullable.GetUnderlyingType(type) is null;

    private static IReadOnlyList<(string Section, Type Type)> FindSections() =>
    [
        .. typeof(ConfigurationKeys).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type)),
    ];
}
