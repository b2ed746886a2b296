namespace ClassifiedGateway.Gateway.Errors;

/// <summary>A field that is missing or wrong, named by its path in the request.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>Base of the errors the gateway turns into a gRPC status; the message is safe to show a caller.</summary>
public abstract class GatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Bad input: one or more fields are missing or invalid (INVALID_ARGUMENT with google.rpc.BadRequest).</summary>
public sealed class InvalidRequestException(IReadOnlyList<FieldViolation> violations)
    : GatewayException(Describe(violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 1
            ? $"Invalid request: {violations[0].Field}: {violations[0].Description}"
            : $"Invalid request: {violations.Count} fields are invalid, first {violations[0].Field}: {violations[0].Description}";
}

/// <summary>An agreement rule or gateway precondition refused the request (FAILED_PRECONDITION with google.rpc.ErrorInfo).</summary>
public sealed class RuleRefusalException(string ruleId, string article, string message, IReadOnlyList<string> fields)
    : GatewayException(message)
{
    public string RuleId { get; } = ruleId;

    public string Article { get; } = article;

    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>The caller may not do this (PERMISSION_DENIED with google.rpc.ErrorInfo; metadata "article" when the agreement is behind it).</summary>
public sealed class PermissionDeniedException(string reason, string message, string? article = null) : GatewayException(message)
{
    public string Reason { get; } = reason;

    public string? Article { get; } = article;
}

/// <summary>The id is already used for different content (ALREADY_EXISTS).</summary>
public sealed class IdConflictException(string messageId)
    : GatewayException($"Message id '{messageId}' was already accepted with different content; choose a new id.")
{
    public string MessageId { get; } = messageId;
}

/// <summary>Nothing with that id here (NOT_FOUND).</summary>
public sealed class NotFoundException(string what, string id) : GatewayException($"No {what} with id '{id}'.")
{
    public string What { get; } = what;

    public string Id { get; } = id;
}

/// <summary>The store could not take the write because its disk or database is full (RESOURCE_EXHAUSTED with google.rpc.RetryInfo).</summary>
public sealed class StorageFullException(Exception? inner = null)
    : GatewayException("The node's storage is full; nothing was stored. Retry later.")
{
    public Exception? Cause { get; } = inner;
}

/// <summary>The node cannot keep up (its writer is behind by more than the admission bounds): nothing was stored; retry after
/// <see cref="RetryAfter"/> (RESOURCE_EXHAUSTED with google.rpc.RetryInfo and ErrorInfo NODE_OVERLOADED).</summary>
public sealed class OverloadedException(TimeSpan retryAfter)
    : GatewayException("The node is busy and did not take this notice; nothing was stored. Retry after the delay given.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The relay to the other node is behind by more than <c>Gateway:Admission:MaxRelayBacklog</c> while the link is up: nothing
/// was stored; retry after <see cref="RetryAfter"/> (RESOURCE_EXHAUSTED with google.rpc.RetryInfo and ErrorInfo RELAY_BACKLOG_FULL).</summary>
public sealed class RelayBacklogFullException(TimeSpan retryAfter)
    : GatewayException("The relay to the other node is behind (its backlog is full); nothing was stored. Retry after the delay given.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The database could not be reached or asked for a retry; nothing of the request was kept (UNAVAILABLE with google.rpc.RetryInfo).</summary>
public sealed class StoreUnavailableException(Exception inner)
    : GatewayException("The node's database is unavailable; nothing was stored. Retry later.", inner);

/// <summary>The node is stopping: what was answered stands, the rest was not taken (UNAVAILABLE with google.rpc.RetryInfo).</summary>
public sealed class NodeStoppingException()
    : GatewayException("The node is stopping; what was not answered was not taken. Retry later.");
