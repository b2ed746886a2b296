using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>pki --out DIR: creates a development PKI (never for production), only where --out says.</summary>
public static class PkiCommand
{
    public static int Run(string[] args)
    {
        var directory = Path.GetFullPath(CliArgs.Option(args, "--out")
            ?? throw new CliUsageException("pki: --out DIR is required: the PKI is written only where you say."));
        var created = DevPki.EnsureCreated(directory, TimeProvider.System);
        Console.WriteLine(created ? $"Development PKI written to {directory} (kz/, tm/)." : $"A PKI already exists in {directory}; nothing changed.");
        return 0;
    }
}
