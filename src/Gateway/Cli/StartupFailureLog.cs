using Serilog.Events;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Recognises the host's own "Hosting failed to start" entry, which CliRunner reports instead as one sentence
/// (with the trace under --verbose).</summary>
internal static class StartupFailureLog
{
    /// <summary>Event id of the host's HostedServiceStartupFaulted entry.</summary>
    private const int HostedServiceStartupFaulted = 11;

    private static volatile bool _failed;

    /// <summary>True for the host's start-up failure entry, and for any entry with an exception after it: once the start
    /// failed the node is going down, and what fails on the way out is a consequence, not news.</summary>
    public static bool IsStartupFailure(LogEvent e)
    {
        if (e.Exception is null)
        {
            return false;
        }

        if (_failed)
        {
            return true;
        }

        _failed = e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" }
            && e.Properties.TryGetValue("EventId", out var id) && id is StructureValue s
            && s.Properties.Any(p => p.Name == "Id" && p.Value is ScalarValue { Value: HostedServiceStartupFaulted });
        return _failed;
    }
}
