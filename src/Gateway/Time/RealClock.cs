namespace ClassifiedGateway.Gateway.Time;

/// <summary>The real system clock, always: certificate validity and expiry are judged on it, never on the movable development clock.</summary>
public sealed class RealClock : TimeProvider
{
    /// <summary>The one instance.</summary>
    public static readonly RealClock Instance = new();

    private RealClock()
    {
    }
}
