using System.Diagnostics.Metrics;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Monitoring;

/// <summary>The node's OpenTelemetry instruments (meter "ClassifiedGateway"), scraped at /metrics. Every series carries the
/// node's Party as the label <c>party</c>, so one Prometheus can hold both nodes' series apart.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "ClassifiedGateway";

    /// <summary>Latency buckets from 1 ms to a day: a relay in 59 ms and one in 0.8 s land in different buckets, and so do
    /// an acknowledgement after 20 minutes and one after 6 hours.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
    [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400,
    ];

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meters, IOptions<GatewayOptions> options)
    {
        Party = new("party", PartyCodes.Code(options.Value.LocalParty));
        _meter = meters.Create(MeterName);
        StageEvents = _meter.CreateCounter<long>("gateway_notice_stage_events", description: "Stages reached by notices, by kind, stage and direction.");
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        RelayLatency = _meter.CreateHistogram<double>("gateway_relay_latency", unit: "s",
            description: "From acceptance by this node to the other node's receipt.", tags: null, advice: buckets);
        AcknowledgementLatency = _meter.CreateHistogram<double>("gateway_acknowledgement_latency", unit: "s",
            description: "From acceptance by the sending node to the receiving system's acknowledgement.", tags: null, advice: buckets);
        Alarms = _meter.CreateCounter<long>("gateway_alarms", description: "Integrity alarms (forged or mismatched receipts and reports).");
        Quarantined = _meter.CreateCounter<long>("gateway_quarantined",
            description: "Messages quarantined because their stored envelope failed its digest or did not parse.");
    }

    /// <summary>The label every measurement carries: party="KZ" or "TM".</summary>
    public KeyValuePair<string, object?> Party { get; }

    public Counter<long> StageEvents { get; }

    public Histogram<double> RelayLatency { get; }

    public Histogram<double> AcknowledgementLatency { get; }

    public Counter<long> Alarms { get; }

    public Counter<long> Quarantined { get; }

    /// <summary>The given labels and the Party label.</summary>
    public KeyValuePair<string, object?>[] Tags(params KeyValuePair<string, object?>[] tags) => [.. tags, Party];

    /// <summary>Registers gauges whose values are read at scrape time; each measurement gets the Party label.</summary>
    public void Observe(string name, string description, Func<IEnumerable<Measurement<double>>> observe) =>
        _meter.CreateObservableGauge(name, () => observe().Select(WithParty), description: description);

    private Measurement<double> WithParty(Measurement<double> measurement)
    {
        KeyValuePair<string, object?>[] tags = [.. measurement.Tags, Party];
        return new Measurement<double>(measurement.Value, tags);
    }

    /// <summary>Registers monotonic counters whose totals are read at scrape time (exported with the <c>_total</c> suffix); each
    /// measurement gets the Party label.</summary>
    public void ObserveTotal(string name, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        _meter.CreateObservableCounter(name, () => observe().Select(m =>
        {
            KeyValuePair<string, object?>[] tags = [.. m.Tags, Party];
            return new Measurement<long>(m.Value, tags);
        }), description: description);

    public void Dispose() => _meter.Dispose();
}
