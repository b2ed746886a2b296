using ClassifiedGateway.Gateway.Demo;
using ClassifiedGateway.Gateway.Hosting;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Every command the binary knows. The CLI tests take their cases from this list, so a new verb cannot escape them.</summary>
public static class CliCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("node", "runs one gateway node", """
            usage: node [--Gateway:KEY=VALUE ...] [--verbose]
              Runs one gateway node. Configuration comes from appsettings.json, environment variables (Gateway__Party=KZ)
              and --Gateway:KEY=VALUE arguments, e.g. --Gateway:Party=KZ --Gateway:PeerAddress=https://peer:5102
              --Gateway:Tls:NodeCertificate=node.crt (see README "Configuration"). Also accepted: --Serilog:..., --Logging:...,
              --urls, --environment. An unknown key, a bad value, a port in use or a missing certificate stops it with one
              sentence and exit code 2.
            """, [], RunsWithoutArguments: true, TakesConfiguration: true, GatewayNode.RunAsync),
        new("demo", "starts a KZ and a TM node on loopback and runs a scripted exchange", """
            usage: demo --data DIR [--base-port N] [--postgres CONNECTION-STRING [--replicas R]] [--no-wait] [--verbose]
              --data DIR       where the development PKI, the SQLite files and the logs go (created if missing)
              --base-port N    KZ listens on N+1..N+3, TM on N+101..N+103 (default 5100); replica r (from 0) adds 10*r
              --postgres CS    each Party on PostgreSQL instead of SQLite: the databases classified_gateway_kz and
                               classified_gateway_tm on the server CS names (created if missing; CS's own database is only
                               used to create them)
              --replicas R     replicas per Party on PostgreSQL (1-4, default 1), each its own process and ports
              --no-wait        stop both nodes after the script instead of waiting for Ctrl+C
            """, [new("--data", "DIR"), new("--base-port", "N", CliValueKind.Port), new("--postgres", "CONNECTION-STRING"), new("--replicas", "R"),
                CliOption.Flag("--no-wait")],
            RunsWithoutArguments: false, TakesConfiguration: false, DemoCommand.RunAsync),
        new("pki", "writes a development PKI (never for production)", """
            usage: pki --out DIR [--dns-kz NAME[,NAME...]] [--dns-tm NAME[,NAME...]]
              Writes a CA per Party and node, competent body, authorized body and operator certificates under DIR (kz/, tm/).
              Nothing is written anywhere else; an existing PKI in DIR is left as it is (exit 2 when its node certificates
              lack a name asked for).
              --dns-kz, --dns-tm   host names (DNS SANs) of that Party's node certificate beside localhost, e.g. the compose
                                   service names kz-gateway,kz-gateway-1,kz-gateway-2; at most 32, no wildcards or IPs
            """, [new("--out", "DIR"), new("--dns-kz", "NAME[,NAME...]"), new("--dns-tm", "NAME[,NAME...]")], RunsWithoutArguments: false, TakesConfiguration: false, args => Task.FromResult(PkiCommand.Run(args))),
        new("verify-audit", "checks a node's audit chain, or one message's exported evidence", """
            usage: verify-audit --db NODE.db --node-cert NODE.crt [--checkpoints NODE.db.checkpoints]
                   verify-audit --postgres CONNECTION-STRING --node-cert NODE.crt [--checkpoints FILE]
                   verify-audit --evidence MESSAGE.evidence --peer-cert OTHER-NODE.crt
              --db reads a SQLite file read-only; --postgres reads a PostgreSQL store (an Npgsql connection string; keep the
              password in PGPASSWORD or ~/.pgpass, not on the command line).
              Exit code 0 when intact, 1 when broken, 2 when the command line or a file is wrong.
            """,
            [new("--db", "NODE.db", CliValueKind.ExistingFile), new("--postgres", "CONNECTION-STRING"), new("--node-cert", "NODE.crt", CliValueKind.ExistingFile),
                new("--checkpoints", "FILE", CliValueKind.ExistingFile), new("--evidence", "FILE", CliValueKind.ExistingFile),
                new("--peer-cert", "FILE", CliValueKind.ExistingFile)],
            RunsWithoutArguments: false, TakesConfiguration: false, VerifyAuditCommand.RunAsync),
        new("verify-store", "re-checks every stored envelope against its digests", """
            usage: verify-store --db NODE.db
                   verify-store --postgres CONNECTION-STRING
              Re-checks every stored envelope against its row digest and the audit chain's digest; one line per broken
              message (its id only). Run verify-audit too, for the chain itself. --db reads a SQLite file read-only;
              --postgres reads a PostgreSQL store (keep the password in PGPASSWORD or ~/.pgpass).
              Exit code 0 when intact, 1 when broken, 2 when the command line or a file is wrong.
            """, [new("--db", "NODE.db", CliValueKind.ExistingFile), new("--postgres", "CONNECTION-STRING")],
            RunsWithoutArguments: false, TakesConfiguration: false, VerifyStoreCommand.RunAsync),
        new("rules-catalogue", "prints the catalogue of rules as Markdown (docs/rules.md)", """
            usage: rules-catalogue
              Prints every rule with its id, article and phases as Markdown.
            """, [], RunsWithoutArguments: true, TakesConfiguration: false, _ => Task.FromResult(PrintCatalogue())),
        new("authorization-matrix", "prints who may call what and send which notice kind as Markdown (docs/authorization.md)", """
            usage: authorization-matrix
              Prints the access policy (listener x service x role) and which role may submit which notice kind, as Markdown.
            """, [], RunsWithoutArguments: true, TakesConfiguration: false, _ => Task.FromResult(PrintAuthorization())),
    ];

    /// <summary>The usage printed when no command (or an unknown one) is given.</summary>
    public static string Usage =>
        "usage: ClassifiedGateway COMMAND [OPTIONS]   (COMMAND --help for its options)\n"
        + string.Join("\n", All.Select(c => $"  {c.Verb,-16} {c.Summary}")) + "\n";

    private static int PrintAuthorization()
    {
        Console.Write(AuthorizationDocument.Markdown());
        return 0;
    }

    private static int PrintCatalogue()
    {
        Console.Write(RuleCatalogue.Markdown(RulesServiceCollectionExtensions.BuildEngine().Catalogue));
        return 0;
    }
}
