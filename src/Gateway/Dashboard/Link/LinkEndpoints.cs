using System.Text.Json;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Dashboard.Link;

/// <summary>The status strip's API: the link now, and a live feed that sends it again whenever it changes.</summary>
internal static class LinkEndpoints
{
    /// <summary>Longest gap between two strip events, so the page knows the feed is alive and its ages stay current.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    /// <summary>Shortest wait between two looks, so a burst of store changes costs one read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app)
    {
        app.MapGet(HttpEndpoints.Link, (LinkStatusReader reader, CancellationToken ct) => reader.ReadAsync(ct));
        app.MapGet(HttpEndpoints.LinkEvents, EventsAsync);
    }

    /// <summary>Server-sent events: the link status at once, then on every change of the link, the outbox or the messages, and at
    /// least every 10 s.</summary>
    private static async Task EventsAsync(HttpContext http, LinkStatusReader reader, PeerLinkState link, IGatewayStore store, TimeProvider time,
        Storage.Lease.IRelayLease lease)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        string? last = null;
        var sent = DateTimeOffset.MinValue;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = Task.WhenAny(link.Changed.Next, store.Signals.Changes.Next, store.Signals.Outbox.Next, lease.Changed.Next);
                var status = await reader.ReadAsync(ct);
                var key = JsonSerializer.Serialize(status with { Now = default }, Json);
                if (key != last || time.GetUtcNow() - sent >= Refresh)
                {
                    await http.Response.WriteAsync($"event: link\ndata: {JsonSerializer.Serialize(status, Json)}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    last = key;
                    sent = time.GetUtcNow();
                }

                await Waits.SignalOrTimeoutAsync(wake, Refresh, time, ct);
                await Task.Delay(Settle, time, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The operator closed the page.
        }
    }
}
