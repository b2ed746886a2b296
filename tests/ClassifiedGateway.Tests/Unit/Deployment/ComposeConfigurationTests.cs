using System.Text.RegularExpressions;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Cli;
using ClassifiedGateway.Gateway.Hosting;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Tests.Unit.Deployment;

/// <summary>docker/compose.yaml configures the gateways through environment variables (its env files and the image's ENV),
/// which the node's command-line key check never sees and the configuration binder silently ignores when misspelt: these
/// tests hold them to the options the code really has, without docker.</summary>
public sealed partial class ComposeConfigurationTests : IDisposable
{
    /// <summary>Where compose.yaml mounts the "pki" volume in the gateways.</summary>
    private const string PkiMount = "/etc/classified-gateway/pki";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cg-tests", "compose-" + Guid.NewGuid().ToString("N"));

    private static string Docker => Path.Combine(RuleCatalogueTests.RepositoryRoot(), "docker");

    [Fact]
    public void Every_Gateway_key_the_compose_layout_sets_is_a_known_option_with_a_valid_value()
    {
        var settings = ComposeFiles().SelectMany(f => GatewayKeys(f).Select(k => (File: Path.GetFileName(f), k.Key, k.Value))).ToList();

        Assert.Contains(settings, s => s.File == "kz-gateway.env");
        Assert.Contains(settings, s => s.File == "tm-gateway.env");
        Assert.Contains(settings, s => s.File == "Dockerfile");
        Assert.All(settings, s => Assert.True(Problem(s.Key, s.Value) is null, $"{s.File}: {Problem(s.Key, s.Value)}"));
    }

    [Theory]
    [InlineData("Gateway__Storage__Postgres__ConectionString", "Host=db")]
    [InlineData("Gateway__PeerAdresses__0", "dns:///tm-gateway:5102")]
    [InlineData("Gateway__Storage__Engine", "PostgreSQL")]
    public void A_misspelt_key_or_a_bad_value_is_caught(string key, string value)
    {
        Assert.NotNull(Problem(key, value));
    }

    [Theory]
    [InlineData("kz-gateway.env", "KZ", "dns:///tm-gateway:5102")]
    [InlineData("tm-gateway.env", "TM", "dns:///kz-gateway:5102")]
    public void Each_Partys_replicas_pass_the_nodes_own_start_up_validation(string envFile, string party, string peer)
    {
        // The PKI the compose "pki" step makes, where the gateways would see it: the certificate paths must match its layout.
        var pki = Path.Combine(_directory, "pki");
        DevPki.EnsureCreated(pki, TimeProvider.System);
        var values = GatewayKeys(Path.Combine(Docker, "Dockerfile")).Concat(GatewayKeys(Path.Combine(Docker, envFile)))
            .GroupBy(k => ConfigurationKey(k.Key), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (string?)g.Last().Value.Replace(PkiMount, pki, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGatewayNode(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production });
        using var provider = services.BuildServiceProvider();

        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(failure is null, $"{envFile}: {Flatten(failure)}");
        var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
        Assert.Equal(party, gateway.Party);
        Assert.Equal([peer], gateway.PeerTargets());
        Assert.Equal(StorageEngine.Postgres, provider.GetRequiredService<IOptions<StorageOptions>>().Value.Engine);
    }

    [Fact]
    public void The_pki_step_names_every_gateway_replica_and_its_alias()
    {
        var compose = File.ReadAllText(Path.Combine(Docker, "compose.yaml"));
        foreach (var (party, option) in PkiCommand.DnsOptions)
        {
            var code = PartyCodes.Code(party).ToLowerInvariant();
            var replicas = GatewayService().Matches(compose).Select(m => m.Groups[1].Value).Where(s => s.StartsWith(code + "-", StringComparison.Ordinal)).ToList();
            var named = Regex.Match(compose, $@"- {Regex.Escape(option)}\s*\n\s*- ([^\s#]+)").Groups[1].Value.Split(',');

            Assert.Equal(2, replicas.Count);
            Assert.Subset(named.ToHashSet(), new HashSet<string>(replicas) { code + "-gateway" });
            Assert.Contains($"aliases: [{code}-gateway]", compose, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>compose.yaml, every env file it names, and the image's Dockerfile.</summary>
    private static IEnumerable<string> ComposeFiles()
    {
        var compose = Path.Combine(Docker, "compose.yaml");
        yield return compose;
        foreach (var envFile in EnvFile().Matches(File.ReadAllText(compose)).Select(m => m.Groups[1].Value).Distinct())
        {
            var path = Path.Combine(Docker, envFile);
            Assert.True(File.Exists(path), $"compose.yaml names {envFile}, which is not in docker/");
            yield return path;
        }

        yield return Path.Combine(Docker, "Dockerfile");
    }

    /// <summary>Every Gateway__ variable a file sets: KEY=VALUE (env file, Dockerfile ENV) or KEY: VALUE (compose environment map).</summary>
    private static IEnumerable<(string Key, string Value)> GatewayKeys(string path) =>
        File.ReadLines(path).Select(l => GatewayVariable().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim().Trim('"', '\'')));

    private static string ConfigurationKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The node's own check of a configuration key and its value (what `node --Gateway:KEY=VALUE` is refused for).</summary>
    private static string? Problem(string variable, string value) => ConfigurationKeys.Problem(ConfigurationKey(variable), value);

    private static string Flatten(Exception? e) => e switch
    {
        null => "",
        AggregateException a => string.Join(" | ", a.InnerExceptions.Select(Flatten)),
        _ => e.Message,
    };

    [GeneratedRegex(@"^\s*(?:ENV\s+|-\s*)?(Gateway__[A-Za-z0-9_]+)\s*[=:]\s*(.*?)\s*\\?$")]
    private static partial Regex GatewayVariable();

    [GeneratedRegex(@"env_file:\s*\[\s*([A-Za-z0-9_.-]+\.env)\s*\]")]
    private static partial Regex EnvFile();

    [GeneratedRegex(@"^  ([a-z]+-gateway-[0-9]+):\s*$", RegexOptions.Multiline)]
    private static partial Regex GatewayService();
}
