using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ClassifiedGateway.Gateway.Errors;

/// <summary>The one place exceptions become gRPC statuses; services do not catch.</summary>
internal sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case RpcException:
                return null;
            case StorageFullException or OverloadedException or RelayBacklogFullException:
                // Logged once per episode where it is decided; a line per refused call would flood the log.
                return StatusMapper.ToRpcException((GatewayException)exception);
            case GatewayException gateway:
                LogRefused(logger, context.Method, gateway.GetType().Name);
                return StatusMapper.ToRpcException(gateway);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                var reference = Guid.NewGuid().ToString("N")[..12];
                LogUnexpected(logger, exception, context.Method, reference);
                return StatusMapper.Internal(reference);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Call {Method} refused: {ErrorType}")]
    private static partial void LogRefused(ILogger logger, string method, string errorType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Call {Method} failed unexpectedly, reference {ErrorReference}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string errorReference);
}
