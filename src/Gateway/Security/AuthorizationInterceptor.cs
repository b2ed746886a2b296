using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Deny by default: every call needs an identity from a client certificate and a role the matrix admits for the service.</summary>
internal sealed partial class AuthorizationInterceptor(CallGuard guard) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await guard.AuthorizeCallAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await guard.AuthorizeCallAsync(context);
        await continuation(request, responseStream, context);
    }
}

/// <summary>The authorization decisions services need, each denial written to the audit trail before it is answered.</summary>
public sealed partial class CallGuard(IGatewayStore store, TimeProvider time, IOptions<GatewayOptions> options, ILogger<CallGuard> logger)
{
    private const string CallerKey = "classified-gateway.caller";

    /// <summary>The authenticated caller of a call that passed <see cref="AuthorizeCallAsync"/>.</summary>
    public static CallerIdentity Caller(ServerCallContext context) =>
        context.GetHttpContext().Items[CallerKey] as CallerIdentity ?? throw new PermissionDeniedException("NO_IDENTITY", "The call carries no client identity.");

    public async Task AuthorizeCallAsync(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        var caller = certificate is null ? null : CallerIdentity.From(certificate);
        var service = context.Method.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        if (caller is null || !AuthorizationMatrix.MayCall(caller, service, options.Value.LocalParty))
        {
            await DenyAsync(caller, "ROLE_NOT_ALLOWED", $"{caller?.ToString() ?? "an unidentified caller"} may not call {context.Method}", "", context.CancellationToken);
            return;
        }

        context.GetHttpContext().Items[CallerKey] = caller;
    }

    /// <summary>Throws PERMISSION_DENIED, after writing the attempt to the audit trail.</summary>
    public async Task DenyAsync(CallerIdentity? caller, string reason, string message, string messageId, CancellationToken cancellationToken)
    {
        LogDenied(logger, caller?.ToString() ?? "unknown", reason);
        await store.AppendAuditAsync("authorization-denied", messageId, caller?.ToString() ?? "unknown", $"{reason}: {message}", time.GetUtcNow(), cancellationToken);
        throw new PermissionDeniedException(reason, message + ".");
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Denied {Caller}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string caller, string reason);
}
