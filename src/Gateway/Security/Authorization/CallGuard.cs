using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Storage;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The caller the seam admitted, and every denial decided anywhere: each written to the audit trail exactly once, bounded.</summary>
public sealed partial class CallGuard(IGatewayStore store, TimeProvider time, ILogger<CallGuard> logger)
{
    /// <summary>Longest detail an authorization-denied audit entry keeps.</summary>
    public const int MaxDetail = 400;

    private const string CallerKey = "classified-gateway.caller";

    /// <summary>The authenticated caller of a call the seam admitted.</summary>
    public static CallerIdentity Caller(ServerCallContext context) => Caller(context.GetHttpContext());

    /// <summary>The authenticated caller of a request the seam admitted.</summary>
    public static CallerIdentity Caller(HttpContext http) =>
        http.Items[CallerKey] as CallerIdentity ?? throw new PermissionDeniedException("NO_IDENTITY", "The call carries no client identity.");

    internal static void Admit(HttpContext http, CallerIdentity caller) => http.Items[CallerKey] = caller;

    /// <summary>Writes the denial to the audit trail and the log, once; does not throw (the caller answers).</summary>
    public async Task RecordAsync(CallerIdentity? caller, string reason, string detail, string messageId, CancellationToken cancellationToken)
    {
        var who = caller?.ToString() ?? "unknown";
        LogDenied(logger, who, reason);
        await store.AppendAuditAsync("authorization-denied", SafeText.Bounded(messageId), who, SafeText.Bounded($"{reason}: {detail}", MaxDetail),
            time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Throws PERMISSION_DENIED, after writing the attempt to the audit trail.</summary>
    public Task DenyAsync(CallerIdentity? caller, string reason, string message, string messageId, CancellationToken cancellationToken) =>
        DenyAsync(caller, reason, message, messageId, null, cancellationToken);

    /// <summary>Throws PERMISSION_DENIED citing <paramref name="article"/> (ErrorInfo metadata "article") when the agreement is behind it, after auditing the attempt.</summary>
    public async Task DenyAsync(CallerIdentity? caller, string reason, string message, string messageId, string? article, CancellationToken cancellationToken)
    {
        await RecordAsync(caller, reason, article is null ? message : $"{article}: {message}", messageId, cancellationToken);
        throw new PermissionDeniedException(reason, (article is null ? "" : article + ": ") + SafeText.Bounded(message, MaxDetail) + ".", article);
    }

    /// <summary>Throws NOT_FOUND exactly as for an unknown id (no probing whether another body's notice exists), after auditing the denial.</summary>
    public async Task DenyAsNotFoundAsync(CallerIdentity caller, string reason, string what, string messageId, string via, CancellationToken cancellationToken)
    {
        await RecordAsync(caller, reason, $"'{caller.Body}' may not see {what} '{SafeText.Bounded(messageId)}' via {via}", messageId, cancellationToken);
        throw new NotFoundException(what, messageId);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Denied {Caller}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string caller, string reason);
}
