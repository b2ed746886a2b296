using Serilog.Events;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Recognises the host's own "Hosting failed to start" entry, which CliRunner reports instead as one sentence
/// (with the trace under --verbose).</summary>
internal static class StartupFailureLog
{
    /// <summary>Event id of the host's HostedServiceStartupFaulted entry.</summary>
    private const int HostedServiceStartupFaulted = 11;

    public static bool IsStartupFailure(LogEvent e) =>
        e.Exception is not null
        && e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" }
        && e.Properties.TryGetValue("EventId", out var id) && id is StructureValue s
        && s.Properties.Any(p => p.Name == "Id" && p.Value is ScalarValue { Value: HostedServiceStartupFaulted });
}
