using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Runs schema migrations before anything else starts (registered first among hosted services).</summary>
internal sealed class StoreInitializer(IGatewayStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
