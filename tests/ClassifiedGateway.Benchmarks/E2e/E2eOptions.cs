using System.Globalization;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The e2e benchmark's command line: <c>e2e [--callers 1,16,64,256] [--seconds 20] [--mode unary] [--runs 1]
/// [--engine sqlite|postgres] [--replicas 1] [--postgres CONNECTION-STRING] [--max-notices 200000] [--drain-seconds 180] [--prime 200] [--ackers 64] [--fsyncs auto|off] [--node-env NAME=VALUE]...</c>; in a --node-env value, {node} stands for KZ or TM
/// (e.g. <c>--node-env DOTNET_JitStdOutFile=/tmp/jit-{node}.txt --node-env DOTNET_JitDisasmSummary=1</c>).</summary>
internal sealed record E2eOptions
{
    public IReadOnlyList<int> Callers { get; init; } = [1, 16, 64, 256];

    /// <summary>How long the callers submit (the load stops earlier when <see cref="MaxNotices"/> were accepted).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public string Mode { get; init; } = "unary";

    /// <summary>sqlite: a node per Party on its own file; postgres: <see cref="Replicas"/> per Party, each Party's on a fresh
    /// database of its own on the server <see cref="Postgres"/> names.</summary>
    public string Engine { get; init; } = "sqlite";

    /// <summary>Replicas per Party (postgres only); the callers are spread over KZ's.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The PostgreSQL server (an Npgsql connection string; its databases are created and dropped per run).</summary>
    public string? Postgres { get; init; }

    public int Runs { get; init; } = 1;

    /// <summary>The most notices one run submits: the count bound beside the time bound.</summary>
    public int MaxNotices { get; init; } = 200_000;

    /// <summary>How long, after the load stops, every accepted notice has to reach ACKNOWLEDGED at KZ.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Notices sent end to end (not measured) before each run, so connections exist and the hot paths were run once.</summary>
    public int Prime { get; init; } = 200;

    /// <summary>Acknowledgements the receiving system keeps in flight.</summary>
    public int Ackers { get; init; } = 64;

    /// <summary>Count the nodes' fsyncs with perf (auto: when perf is installed and may count syscall tracepoints, SQLite only).</summary>
    public bool Fsyncs { get; init; } = true;

    /// <summary>Environment variables the nodes are started with (runtime settings under study).</summary>
    public IReadOnlyList<string> NodeEnvironment { get; init; } = [];

    public static E2eOptions Parse(IReadOnlyList<string> args)
    {
        var options = new E2eOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--callers" => options with { Callers = [.. value.Split(',').Select(Positive)] },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Positive(value)) },
                "--mode" => options with { Mode = value },
                "--engine" when value is "sqlite" or "postgres" => options with { Engine = value },
                "--replicas" => options with { Replicas = Positive(value) },
                "--postgres" => options with { Postgres = value },
                "--runs" => options with { Runs = Positive(value) },
                "--max-notices" => options with { MaxNotices = Positive(value) },
                "--drain-seconds" => options with { Drain = TimeSpan.FromSeconds(Positive(value)) },
                "--prime" => options with { Prime = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ackers" => options with { Ackers = Positive(value) },
                "--fsyncs" => options with { Fsyncs = value != "off" },
                "--node-env" when value.Contains('=', StringComparison.Ordinal) => options with { NodeEnvironment = [.. options.NodeEnvironment, value] },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        if (options.Engine == "postgres" && string.IsNullOrWhiteSpace(options.Postgres))
        {
            throw new ArgumentException("--engine postgres needs --postgres CONNECTION-STRING (a server: each run creates and drops its databases).");
        }

        return options.Engine == "sqlite" && options.Replicas > 1
            ? throw new ArgumentException("--replicas needs --engine postgres (replicas share their Party's PostgreSQL database).")
            : options;
    }

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{text}' is not a positive whole number.");
}
