using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Gives every unary call the harness makes a deadline when the test set none, so one stuck call fails the
/// test with DEADLINE_EXCEEDED instead of hanging the whole run. Streams are left alone: a subscription is long-lived.</summary>
internal sealed class UnaryDeadline(TimeSpan limit) : Interceptor
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class =>
        context.Options.Deadline is null
            ? new(context.Method, context.Host, context.Options.WithDeadline(TimeProvider.System.GetUtcNow().UtcDateTime + limit))
            : context;
}
