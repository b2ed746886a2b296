using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Options;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The channel to the other Party's node; the one place the node dials out.</summary>
internal sealed class PeerLink : IDisposable
{
    private readonly GrpcChannel _channel;

    public PeerLink(IOptions<GatewayOptions> options)
    {
        _channel = GrpcChannel.ForAddress(options.Value.PeerAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            },
        });
        Client = new PeerRelayService.PeerRelayServiceClient(_channel);
    }

    public PeerRelayService.PeerRelayServiceClient Client { get; }

    public void Dispose() => _channel.Dispose();
}
