using ClassifiedGateway.Gateway.Domain;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>Cross-field checks DataAnnotations cannot express.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        if (!PartyCodes.TryParse(options.Party, out _))
        {
            return ValidateOptionsResult.Fail($"Gateway:Party must be KZ or TM, not '{options.Party}'.");
        }

        if (PeerAddressRules.Problem(options) is { } peer)
        {
            return ValidateOptionsResult.Fail(peer);
        }

        if (options.PeerClockTolerance <= TimeSpan.Zero || options.PeerClockTolerance > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("Gateway:PeerClockTolerance must be more than zero and at most one day.");
        }

        return options.MaxClockSkew < TimeSpan.Zero
            ? ValidateOptionsResult.Fail("Gateway:MaxClockSkew must not be negative.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Checks that delivery timings make sense.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options) =>
        options.AckTimeout <= TimeSpan.Zero || options.RedeliveryScanInterval <= TimeSpan.Zero || options.ReadBatch <= 0
            ? ValidateOptionsResult.Fail("Gateway:Delivery timings and batch must be positive.")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks that relay timings make sense.</summary>
internal sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options) =>
        options.AttemptTimeout <= TimeSpan.Zero || options.RetryBaseDelay <= TimeSpan.Zero
        || options.RetryMaxDelay < options.RetryBaseDelay || options.BreakDuration < TimeSpan.FromMilliseconds(500)
        || options.FailureBackoff <= TimeSpan.Zero || options.IdlePoll <= TimeSpan.Zero || options.ProbeInterval < TimeSpan.FromMilliseconds(100)
            ? ValidateOptionsResult.Fail("Gateway:Relay timings must be positive, RetryMaxDelay >= RetryBaseDelay, BreakDuration >= 0.5 s, ProbeInterval >= 0.1 s.")
            : ValidateOptionsResult.Success;
}

/// <summary>The relay backlog's low-water mark lies below its high-water mark (unless the bound is off).</summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options) =>
        options.MaxRelayBacklog > 0 && options.ResumeRelayBacklog >= options.MaxRelayBacklog
            ? ValidateOptionsResult.Fail("Gateway:Admission:ResumeRelayBacklog must be below Gateway:Admission:MaxRelayBacklog.")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks the chosen engine's own settings, and refuses the SQLite path's former key so a configuration written for
/// an older release does not silently run on the default file.</summary>
internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    /// <summary>Keys that moved: the old one is refused with a sentence naming the new one.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Gateway:Storage:SqlitePath"] = "Gateway:Storage:Sqlite:Path",
    };

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        foreach (var (old, current) in Renamed)
        {
            if (configuration[old] is not null)
            {
                return ValidateOptionsResult.Fail($"{old} was renamed: set {current} instead (and Gateway:Storage:Engine=Sqlite).");
            }
        }

        return options.Engine switch
        {
            StorageEngine.Sqlite => DatabaseFileProblem(options.Sqlite.Path) is { } problem
                ? ValidateOptionsResult.Fail($"Gateway:Storage:Sqlite:Path ({options.Sqlite.Path}) {problem}.")
                : ValidateOptionsResult.Success,
            StorageEngine.Postgres => ConnectionStringProblem(options.Postgres.ConnectionString) is { } problem
                ? ValidateOptionsResult.Fail($"Gateway:Storage:Postgres:ConnectionString {problem}.")
                : LeaseProblem(options.Postgres) is { } lease ? ValidateOptionsResult.Fail(lease) : ValidateOptionsResult.Success,
            _ => ValidateOptionsResult.Fail($"Gateway:Storage:Engine must be Sqlite or Postgres, not '{options.Engine}'."),
        };
    }

    private static string? LeaseProblem(PostgresStorageOptions options)
    {
        if (options.LeaseHeartbeat < TimeSpan.FromSeconds(1) || options.LeaseHeartbeat > TimeSpan.FromMinutes(1))
        {
            return $"Gateway:Storage:Postgres:LeaseHeartbeat must be between 1 second and 1 minute, not {options.LeaseHeartbeat}.";
        }

        return options.LeaseSessionTimeout < 3 * options.LeaseHeartbeat
            ? $"Gateway:Storage:Postgres:LeaseSessionTimeout ({options.LeaseSessionTimeout}) must be at least three heartbeats ({3 * options.LeaseHeartbeat}), or a live holder could lose its lease between two."
            : null;
    }

    /// <summary>Why the connection string cannot be used, or null. Never repeats the string: it may hold a password.</summary>
    private static string? ConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "is required when Gateway:Storage:Engine is Postgres";
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(builder.Host) ? "names no Host (a server name, address or unix socket folder)" : null;
        }
        catch (ArgumentException e)
        {
            // Npgsql names the keyword it does not know, never the value.
            return $"is not a valid Npgsql connection string ({e.Message.Split('\n')[0].Trim()})";
        }
    }

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Why the database file cannot be opened for reading and writing, or null. Checked at start so an unusable
    /// path stops the node with one sentence instead of failing every write later.</summary>
    private static string? DatabaseFileProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return "is a directory, not a database file";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            // The store creates its folder; whether it can is reported when it tries.
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            var header = new byte[SqliteHeader.Length];
            var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == 0 || header.AsSpan(0, read).SequenceEqual(SqliteHeader) ? null : "is not a SQLite database";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be opened for reading and writing ({e.Message.Split('\n')[0].Trim()})";
        }
    }
}
