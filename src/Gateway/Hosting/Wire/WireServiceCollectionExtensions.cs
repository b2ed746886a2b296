using ClassifiedGateway.Gateway.Validation.Requests;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>Composition of the wire guard: framing checked below the marshaller, messages parsed and validated above it.</summary>
public static class WireServiceCollectionExtensions
{
    /// <summary>Call after every AddGrpc* registration: each of them re-adds grpc-dotnet's own method provider.</summary>
    public static IServiceCollection AddGatewayWireGuard(this IServiceCollection services)
    {
        services.AddSingleton<RequestValidator>();
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
        return services;
    }

    /// <summary>Checks the framing of every gRPC request body; needs routing to have chosen the endpoint.</summary>
    public static IApplicationBuilder UseGrpcFraming(this IApplicationBuilder app) => app.UseMiddleware<GrpcFramingMiddleware>();
}
