using ClassifiedGateway.Gateway.Hosting;
using ClassifiedGateway.Gateway.Hosting.Wire;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClassifiedGateway.Tests.Unit.Input;

public sealed class WireGuardRegistrationTests
{
    [Fact]
    public void The_guarded_provider_is_the_only_gRPC_method_provider()
    {
        var services = new ServiceCollection();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Development };

        services.AddGatewayNode(environment);

        var providers = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)).Select(d => d.ImplementationType).ToList();
        Assert.Equal([typeof(GuardedServiceMethodProvider<>)], providers);
    }
}
