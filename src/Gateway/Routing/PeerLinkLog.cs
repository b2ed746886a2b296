namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The link's episode log, shared by the relay and the idle probe: the cause once when the link fails, the recovery once.</summary>
internal static partial class PeerLinkLog
{
    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Relay to the peer failing since {Since:O}: {Cause}; circuit {CircuitState}; retrying (logged once until it recovers)")]
    public static partial void Failing(ILogger logger, DateTimeOffset since, string cause, string circuitState);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Relay to the peer recovered after {Seconds:F1} s; {Waiting} waiting")]
    public static partial void Recovered(ILogger logger, double seconds, long waiting);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "The other node does not answer the link probe since {Since:O}: {Cause} (logged once until it answers)")]
    public static partial void ProbeFailing(ILogger logger, DateTimeOffset since, string cause);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "The other node answers again after {Seconds:F1} s")]
    public static partial void ProbeRecovered(ILogger logger, double seconds);

    /// <summary>Logs the end of an episode once, in the voice that logged its start.</summary>
    public static void Closed(ILogger logger, ClosedEpisode episode, long waiting)
    {
        if (episode.RelayLogged)
        {
            Recovered(logger, episode.Outage.TotalSeconds, waiting);
        }
        else if (episode.ProbeLogged)
        {
            ProbeRecovered(logger, episode.Outage.TotalSeconds);
        }
    }
}
