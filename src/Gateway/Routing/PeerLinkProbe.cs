using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Lease;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Asks the other node's health service whether it answers while the outbox is empty (while it is not, the relay's own
/// calls tell): an unreachable other node shows in readiness and on the operators' strip even when nothing waits to be sent.
/// A replica that does not relay (a PostgreSQL standby) probes whatever the outbox holds: no relay call of its own tells it, and
/// its pacing of submits needs to know whether the link is up (<see cref="Overload.RelayBacklogSampler"/>).</summary>
internal sealed class PeerLinkProbe(
    PeerLink peer, PeerLinkState link, IGatewayStore store, IRelayLease lease, TimeProvider time, IOptions<RelayOptions> options,
    ILogger<PeerLinkProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var retry = link.RetryRequested.Next;
            try
            {
                if (!lease.Held || await store.OutboxDepthAsync(stoppingToken) == 0)
                {
                    await ProbeAsync(o.AttemptTimeout, stoppingToken);
                }

                await Waits.SignalOrTimeoutAsync(retry, o.ProbeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Our own store did not answer: readiness reports that through its own check; look again later.
                await Task.Delay(o.ProbeInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProbeAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Any answer, whatever its status, means the other node is there; only failing to reach it is an outage.
            await peer.Health.CheckAsync(new HealthCheckRequest(), cancellationToken: deadline.Token);
            Reached();
        }
        catch (RpcException e) when (!stoppingToken.IsCancellationRequested)
        {
            if (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Internal or StatusCode.Unknown)
            {
                var failed = deadline.IsCancellationRequested ? new RpcException(new Status(StatusCode.DeadlineExceeded, "no answer to the link probe")) : e;
                if (link.Failed(failed, time.GetUtcNow(), byProbe: true))
                {
                    PeerLinkLog.ProbeFailing(logger, time.GetUtcNow(), link.Cause ?? PeerLinkState.Describe(failed));
                }
            }
            else
            {
                Reached();
            }
        }
    }

    private void Reached()
    {
        if (link.Succeeded(time.GetUtcNow()) is { } closed)
        {
            PeerLinkLog.Closed(logger, closed, 0);
        }
    }
}
