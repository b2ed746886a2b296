using System.Net;
using System.Net.Sockets;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Cli;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Every command of the real binary, run with no arguments, with --help and with a wrong option, and the node's
/// start-up mistakes: usage or one sentence, exit 0 or 2, never a stack trace, and nothing written where nobody asked.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cg-tests", "cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_directory);

    /// <summary>The binary's own command list × what a user gets wrong first.</summary>
    public static TheoryData<string, string> EveryCommand()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in CliCommands.All)
        {
            foreach (var shape in new[] { "no arguments", "--help", "a wrong option" })
            {
                data.Add(command.Verb, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Every_command_answers_with_usage_or_one_sentence_and_writes_nothing(string verb, string shape)
    {
        var command = CliCommands.All.Single(c => c.Verb == verb);
        var cwd = EmptyDirectory();
        string[] args = shape switch
        {
            "no arguments" => [verb],
            "--help" => [verb, "--help"],
            _ => [verb, "--no-such-option", "x"],
        };

        var run = await CliRun.RunAsync(cwd, args);

        AssertNoTrace(run);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
        switch (shape)
        {
            case "--help":
                Assert.Equal(0, run.ExitCode);
                Assert.Equal(command.Usage.TrimEnd(), run.Stdout.TrimEnd());
                Assert.Empty(run.Stderr);
                break;
            case "a wrong option":
                Assert.Equal(CliRunner.Mistake, run.ExitCode);
                AssertOneSentence(run, "--no-such-option");
                Assert.Empty(run.Stdout);
                break;
            case "no arguments" when !command.RunsWithoutArguments:
                Assert.Equal(CliRunner.Mistake, run.ExitCode);
                Assert.Equal(command.Usage.TrimEnd(), run.Stderr.TrimEnd());
                Assert.Empty(run.Stdout);
                break;
            default:
                // Runs on its own: either it did its job (exit 0) or it says in one sentence what it lacks (a node without configuration).
                Assert.True(run.ExitCode is 0 or CliRunner.Mistake, $"exit {run.ExitCode}: {run.Stderr}");
                if (run.ExitCode == CliRunner.Mistake)
                {
                    AssertOneSentence(run, "Gateway:");
                }
                else
                {
                    Assert.Empty(run.Stderr);
                    Assert.NotEmpty(run.Stdout);
                }

                break;
        }
    }

    [Theory]
    [InlineData("no arguments", 2)]
    [InlineData("--help", 0)]
    [InlineData("an unknown command", 2)]
    [InlineData("configuration without a command", 2)]
    public async Task The_binary_itself_answers_with_usage_or_one_sentence(string shape, int expected)
    {
        string[] args = shape switch
        {
            "no arguments" => [],
            "--help" => ["--help"],
            "an unknown command" => ["serve"],
            _ => ["--Gateway:Party=KZ"],
        };

        var run = await CliRun.RunAsync(EmptyDirectory(), args);

        AssertNoTrace(run);
        Assert.Equal(expected, run.ExitCode);
        switch (shape)
        {
            case "no arguments":
                Assert.Equal(CliCommands.Usage.TrimEnd(), run.Stderr.TrimEnd());
                break;
            case "--help":
                Assert.Equal(CliCommands.Usage.TrimEnd(), run.Stdout.TrimEnd());
                Assert.All(CliCommands.All, c => Assert.Contains(c.Verb, run.Stdout, StringComparison.Ordinal));
                break;
            default:
                AssertOneSentence(run, args[0]);
                break;
        }
    }

    [Fact]
    public async Task Pki_writes_only_where_out_says()
    {
        var cwd = EmptyDirectory();
        var run = await CliRun.RunAsync(cwd, ["pki", "--out", "chosen"]);

        Assert.Equal(0, run.ExitCode);
        AssertNoTrace(run);
        Assert.Equal([Path.Combine(cwd, "chosen")], Directory.EnumerateFileSystemEntries(cwd));
        Assert.True(File.Exists(Path.Combine(cwd, "chosen", "kz", "node.key")));
        Assert.True(File.Exists(Path.Combine(cwd, "chosen", "tm", "ca.crt")));
    }

    [Fact]
    public async Task Pki_names_each_Partys_node_by_the_host_names_given_and_only_its_node()
    {
        var cwd = EmptyDirectory();
        string[] args = ["pki", "--out", "pki", "--dns-kz", "kz-gateway,KZ-Gateway-1,kz-gateway-2", "--dns-tm", "tm-gateway"];

        var first = await CliRun.RunAsync(cwd, args);
        var again = await CliRun.RunAsync(cwd, args);
        var more = await CliRun.RunAsync(cwd, ["pki", "--out", "pki", "--dns-tm", "tm-gateway,tm-gateway-9"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(["localhost", "kz-gateway", "kz-gateway-1", "kz-gateway-2"], PkiCommand.NodeDnsNames(Path.Combine(cwd, "pki", "kz", "node.crt")));
        Assert.Equal(["localhost", "tm-gateway"], PkiCommand.NodeDnsNames(Path.Combine(cwd, "pki", "tm", "node.crt")));
        Assert.Empty(PkiCommand.NodeDnsNames(Path.Combine(cwd, "pki", "kz", "kz-ab-1.crt")));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Stdout, StringComparison.Ordinal);
        // An existing PKI is never rewritten, so a name it lacks is a mistake, not a silent success.
        Assert.Equal(CliRunner.Mistake, more.ExitCode);
        AssertNoTrace(more);
        AssertOneSentence(more, "tm-gateway-9");
    }

    [Theory]
    [InlineData("--dns-kz", "kz_gateway")]
    [InlineData("--dns-tm", "tm-gateway,10.0.0.5")]
    [InlineData("--dns-kz", "*.kz.example")]
    public async Task Pki_refuses_a_bad_host_name_in_one_sentence_and_writes_nothing(string option, string value)
    {
        var cwd = EmptyDirectory();

        var run = await CliRun.RunAsync(cwd, ["pki", "--out", "pki", option, value]);

        Assert.Equal(CliRunner.Mistake, run.ExitCode);
        AssertNoTrace(run);
        AssertOneSentence(run, option);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
    }

    /// <summary>Each start-up mistake: the node's arguments (a full, valid configuration) with one thing wrong.</summary>
    public static TheoryData<string> StartupMistakes() =>
    [
        "port in use", "missing certificate", "unreadable certificate", "key of another certificate", "bad Party", "bad duration",
        "bad duration from the environment", "negative duration", "misspelt key", "unknown section", "missing value",
        "database path is a directory", "database is not a database", "database key of an older release",
        "database key of an older release in the environment", "PostgreSQL without a connection string", "bad peer address",
        "bad address in the peer's replica list", "peer address beside the replica list",
    ];

    [Theory]
    [MemberData(nameof(StartupMistakes))]
    public async Task A_start_up_mistake_stops_the_node_with_one_sentence_naming_it_and_exit_2(string mistake)
    {
        var settings = Settings();
        var environment = new Dictionary<string, string>();
        TcpListener? squatter = null;
        string expected;
        switch (mistake)
        {
            case "port in use":
                squatter = new TcpListener(IPAddress.Loopback, settings.PeerPort);
                squatter.Start();
                expected = $"127.0.0.1:{settings.PeerPort} (Gateway:Endpoints:Peer)";
                break;
            case "missing certificate":
                settings.Extra["Gateway:Tls:PeerCa"] = Path.Combine(_directory, "nowhere", "ca.crt");
                expected = "Gateway:Tls:PeerCa";
                break;
            case "unreadable certificate":
                var garbage = Path.Combine(_directory, "garbage.crt");
                await File.WriteAllTextAsync(garbage, "not a certificate");
                settings.Extra["Gateway:Tls:PeerNodeCertificate"] = garbage;
                expected = "Gateway:Tls:PeerNodeCertificate";
                break;
            case "key of another certificate":
                settings.Extra["Gateway:Tls:NodeKey"] = Path.Combine(settings.Other, "node.key");
                expected = "Gateway:Tls:NodeKey";
                break;
            case "bad Party":
                settings.Extra["Gateway:Party"] = "UZ";
                expected = "Gateway:Party";
                break;
            case "bad duration":
                settings.Extra["Gateway:Relay:AttemptTimeout"] = "ten seconds";
                expected = "--Gateway:Relay:AttemptTimeout";
                break;
            case "bad duration from the environment":
                // Past the command-line check: the configuration binder's own failure at start.
                environment["Gateway__Delivery__AckTimeout"] = "soon";
                expected = "Gateway:Delivery:AckTimeout";
                break;
            case "negative duration":
                settings.Extra["Gateway:Delivery:AckTimeout"] = "-00:00:01";
                expected = "Gateway:Delivery";
                break;
            case "misspelt key":
                settings.Extra["Gateway:Relay:BachSize"] = "10";
                expected = "BachSize";
                break;
            case "unknown section":
                settings.Extra["Gatewya:Party"] = "KZ";
                expected = "--Gatewya:Party";
                break;
            case "missing value":
                expected = "--Gateway:Storage:MaxGroupCommit";
                break;
            case "database path is a directory":
                settings.Extra["Gateway:Storage:Sqlite:Path"] = _directory;
                expected = "Gateway:Storage:Sqlite:Path";
                break;
            case "database is not a database":
                var text = Path.Combine(_directory, "notes.db");
                await File.WriteAllTextAsync(text, "these are not SQLite pages");
                settings.Extra["Gateway:Storage:Sqlite:Path"] = text;
                expected = "Gateway:Storage:Sqlite:Path";
                break;
            case "database key of an older release":
                settings.Extra["Gateway:Storage:SqlitePath"] = settings.DatabasePath;
                expected = "Gateway:Storage:Sqlite:Path";
                break;
            case "database key of an older release in the environment":
                environment["Gateway__Storage__SqlitePath"] = settings.DatabasePath;
                expected = "Gateway:Storage:Sqlite:Path";
                break;
            case "PostgreSQL without a connection string":
                settings.Extra["Gateway:Storage:Engine"] = "Postgres";
                expected = "Gateway:Storage:Postgres:ConnectionString";
                break;
            case "bad address in the peer's replica list":
                settings.OtherPeerPorts.Add(settings.OtherPeerPort);
                settings.Extra["Gateway:PeerAddresses:1"] = "replica-2";
                expected = "Gateway:PeerAddresses:1";
                break;
            case "peer address beside the replica list":
                settings.Extra["Gateway:PeerAddresses:0"] = $"https://127.0.0.1:{settings.OtherPeerPort}";
                expected = "Gateway:PeerAddresses";
                break;
            default:
                settings.Extra["Gateway:PeerAddress"] = "peer-node";
                expected = "Gateway:PeerAddress";
                break;
        }

        var args = settings.Arguments().ToList();
        if (mistake == "missing value")
        {
            args.Add("--Gateway:Storage:MaxGroupCommit");
        }

        try
        {
            var run = await CliRun.RunAsync(_directory, args, environment);

            Assert.True(run.ExitCode == CliRunner.Mistake, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
            AssertNoTrace(run);
            AssertOneSentence(run, expected);
        }
        finally
        {
            squatter?.Stop();
        }
    }

    [Fact]
    public async Task Verbose_adds_the_trace_after_the_same_sentence()
    {
        var settings = Settings();
        settings.Extra["Gateway:Party"] = "UZ";

        var quiet = await CliRun.RunAsync(_directory, settings.Arguments());
        var verbose = await CliRun.RunAsync(_directory, [.. settings.Arguments(), "--verbose"]);

        Assert.Equal(CliRunner.Mistake, quiet.ExitCode);
        Assert.Equal(CliRunner.Mistake, verbose.ExitCode);
        Assert.Single(quiet.ErrorLines);
        Assert.Equal(quiet.ErrorLines[0], verbose.ErrorLines[0]);
        Assert.Contains("   at ", verbose.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_with_a_valid_configuration_is_not_refused_by_the_checks()
    {
        // The checks above must not refuse what the harness starts every node with (all of NodeSettings' keys are known).
        var settings = Settings();
        await using var node = await NodeProcess.StartAsync(settings);
        Assert.DoesNotContain("   at ", node.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A node process may still hold a file for a moment; the folder is under the temp directory anyway.
        }
    }

    private NodeSettings Settings()
    {
        ClassifiedGateway.Gateway.Security.DevPki.EnsureCreated(Path.Combine(_directory, "pki"), TimeProvider.System);
        var settings = NodeSettings.Create(Party.Kz, _directory);
        settings.OtherPeerPort = FreePorts.Next();
        settings.Environment = "Production";
        settings.AddBodyRegistry();
        return settings;
    }

    private string EmptyDirectory()
    {
        var path = Path.Combine(_directory, "cwd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void AssertNoTrace(CliRun run)
    {
        foreach (var text in new[] { run.Stdout, run.Stderr })
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain(@"\n   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
        }
    }

    private static void AssertOneSentence(CliRun run, string naming)
    {
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(naming, line, StringComparison.Ordinal);
        Assert.EndsWith(".", line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("..", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".)", line, StringComparison.Ordinal);
        Assert.InRange(line.Length, 10, 600);
    }
}
