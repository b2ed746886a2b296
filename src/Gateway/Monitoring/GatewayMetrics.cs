using System.Diagnostics.Metrics;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>The node's OpenTelemetry instruments (meter "ClassifiedGateway"), scraped at /metrics.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "ClassifiedGateway";

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        StageEvents = _meter.CreateCounter<long>("gateway_notice_stage_events", description: "Stages reached by notices, by kind, stage and direction.");
        RelayLatency = _meter.CreateHistogram<double>("gateway_relay_latency", unit: "s",
            description: "From acceptance by this node to the other node's receipt.");
        AcknowledgementLatency = _meter.CreateHistogram<double>("gateway_acknowledgement_latency", unit: "s",
            description: "From acceptance by the sending node to the receiving system's acknowledgement.");
        Alarms = _meter.CreateCounter<long>("gateway_alarms", description: "Integrity alarms (forged or mismatched receipts and reports).");
        Quarantined = _meter.CreateCounter<long>("gateway_quarantined",
            description: "Messages quarantined because their stored envelope failed its digest or did not parse.");
    }

    public Counter<long> StageEvents { get; }

    public Histogram<double> RelayLatency { get; }

    public Histogram<double> AcknowledgementLatency { get; }

    public Counter<long> Alarms { get; }

    public Counter<long> Quarantined { get; }

    /// <summary>Registers gauges whose values are read at scrape time.</summary>
    public void Observe(string name, string description, Func<IEnumerable<Measurement<double>>> observe) =>
        _meter.CreateObservableGauge(name, observe, description: description);

    /// <summary>Registers monotonic counters whose totals are read at scrape time (exported with the <c>_total</c> suffix).</summary>
    public void ObserveTotal(string name, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        _meter.CreateObservableCounter(name, observe, description: description);

    public void Dispose() => _meter.Dispose();
}
