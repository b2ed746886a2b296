using System.Reflection;
using ClassifiedGateway.Gateway.Validation.Requests;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>Discovers every gRPC service's methods (ours, health, both reflection versions) through its generated BindService,
/// as grpc-dotnet does, but binds each method with a request marshaller that refuses malformed or invalid requests.</summary>
/// <remarks>Registered as the only open-generic <see cref="IServiceMethodProvider{TService}"/>, so no service can be mapped
/// without it: one seam, every method, no per-service code.</remarks>
internal sealed class GuardedServiceMethodProvider<TService>(RequestValidator validator, ILogger<GuardedServiceMethodProvider<TService>> logger)
    : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = FindBindMethod(typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no generated BindService method; every gRPC service must have one.");

        // The second parameter is the generated base class: handlers are the overrides of its methods.
        var serviceBase = bind.GetParameters()[1].ParameterType;
        var binder = new GuardedServiceBinder<TService>(context, serviceBase, validator, logger);
        bind.Invoke(null, [binder, null]);
    }

    private static MethodInfo? FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethod(
                    attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, binder: null, [typeof(ServiceBinderBase), type], modifiers: null);
            }
        }

        return null;
    }
}
