using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Errors;

/// <summary>Turns the gateway's errors into rich gRPC statuses. Exception text of unexpected errors never leaves the node.</summary>
/// <remarks>Every status is bounded: at most <see cref="MaxFieldViolations"/> field violations (then one saying how many more),
/// and every string in it cut by <see cref="SafeText.Bounded"/>, so a status always fits well under 16 KB whatever the
/// caller sent (an HTTP/2 client cannot read a header block much over that).</remarks>
public static class StatusMapper
{
    public const string Domain = "classified-gateway";

    /// <summary>Field violations listed in one status; the rest are counted in a final entry.</summary>
    public const int MaxFieldViolations = 20;

    /// <summary>Longest status message kept.</summary>
    public const int MaxMessageChars = 300;

    /// <summary>Largest encoded google.rpc.Status; a larger one is rebuilt in compact form (base64 and the percent-encoded
    /// message still fit in 16 KB).</summary>
    public const int MaxStatusBytes = 6 * 1024;

    private const int CompactChars = 40;
    private const int CompactViolations = 5;

    /// <summary>Longest field path, description or metadata value kept.</summary>
    public const int MaxDetailChars = 200;

    public static RpcException ToRpcException(GatewayException exception) => ToStatus(exception).ToRpcException();

    /// <summary>The google.rpc.Status a call failing with <paramref name="exception"/> ends with; a streamed or batched item's
    /// refusal carries exactly this, so it reads the same as the unary call's.</summary>
    public static Google.Rpc.Status ToStatus(GatewayException exception) => exception switch
    {
        InvalidRequestException e => BuildStatus(Code.InvalidArgument, e.Message, BadRequest(e.Violations)),
        RuleRefusalException e => BuildStatus(Code.FailedPrecondition, e.Message, ErrorInfo(e.RuleId, e.Article, e.Fields), Refusal(e)),
        PermissionDeniedException e => BuildStatus(Code.PermissionDenied, e.Message, ErrorInfo(e.Reason, e.Article, [])),
        IdConflictException e => BuildStatus(Code.AlreadyExists, e.Message, ErrorInfo("ID_CONFLICT", null, ["envelope.id"])),
        NotFoundException e => BuildStatus(Code.NotFound, e.Message, new ResourceInfo { ResourceType = Cut(e.What), ResourceName = Cut(e.Id) }),
        StorageFullException e => BuildStatus(Code.ResourceExhausted, e.Message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) }),
        OverloadedException e => BuildStatus(Code.ResourceExhausted, e.Message,
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(e.RetryAfter) }, ErrorInfo("NODE_OVERLOADED", null, [])),
        RelayBacklogFullException e => BuildStatus(Code.ResourceExhausted, e.Message,
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(e.RetryAfter) }, ErrorInfo("RELAY_BACKLOG_FULL", null, [])),
        StoreUnavailableException e => BuildStatus(Code.Unavailable, e.Message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }),
        NodeStoppingException e => BuildStatus(Code.Unavailable, e.Message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }),
        _ => BuildStatus(Code.Internal, "Internal error.", null),
    };

    /// <summary>RESOURCE_EXHAUSTED: the request is larger than this node takes.</summary>
    public static RpcException ResourceExhausted(string message) => Build(Code.ResourceExhausted, message, null);

    /// <summary>The violations as a google.rpc.BadRequest, capped and bounded.</summary>
    public static BadRequest BadRequest(IReadOnlyList<FieldViolation> violations)
    {
        var detail = new BadRequest();
        foreach (var v in violations.Take(MaxFieldViolations))
        {
            detail.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = Cut(v.Field), Description = Cut(v.Description) });
        }

        if (violations.Count > MaxFieldViolations)
        {
            var more = violations.Count - MaxFieldViolations;
            detail.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = "(more)",
                Description = $"{more} more field violations not listed",
            });
        }

        return detail;
    }

    public static RpcException Internal(string? reference) =>
        Build(Code.Internal, reference is null ? "Internal error." : $"Internal error (reference {reference}).", null);

    /// <summary>A rule's refusal in the shape a refusal by the peer has (<c>Receipt.refusal</c>, <c>MessageRecord.refusal</c>):
    /// one shape for every refusal, sent as a status detail beside the ErrorInfo generic clients read. Bounded like every detail.</summary>
    public static Refusal Refusal(RuleRefusalException e) => new()
    {
        RuleId = Cut(e.RuleId),
        Article = Cut(e.Article),
        Message = SafeText.Bounded(e.Message, MaxMessageChars),
        Fields = { e.Fields.Take(MaxFieldViolations).Select(Cut) },
    };

    private static ErrorInfo ErrorInfo(string reason, string? article, IReadOnlyList<string> fields)
    {
        var info = new ErrorInfo { Reason = Cut(reason), Domain = Domain };
        if (article is not null)
        {
            info.Metadata["article"] = Cut(article);
        }

        if (fields.Count > 0)
        {
            // Deprecated, kept for one release: the same paths as the Refusal detail's repeated fields, comma-joined.
            info.Metadata["fields"] = Cut(string.Join(",", fields.Take(MaxFieldViolations)));
        }

        return info;
    }

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage? detail, Google.Protobuf.IMessage? second = null) =>
        BuildStatus(code, message, detail, second).ToRpcException();

    private static Google.Rpc.Status BuildStatus(Code code, string message, Google.Protobuf.IMessage? detail, Google.Protobuf.IMessage? second = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = SafeText.Bounded(message, MaxMessageChars) };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        if (second is not null)
        {
            status.Details.Add(Any.Pack(second));
        }

        if (status.CalculateSize() > MaxStatusBytes)
        {
            // Escaped control characters and multi-byte text can still add up: keep the gist, drop the rest.
            status = new Google.Rpc.Status { Code = (int)code, Message = SafeText.Bounded(message, CompactChars * 3) };
            if (detail is not null)
            {
                status.Details.Add(Any.Pack(Compact(detail)));
            }

            if (second is not null)
            {
                status.Details.Add(Any.Pack(Compact(second)));
            }
        }

        return status;
    }

    private static Google.Protobuf.IMessage Compact(Google.Protobuf.IMessage detail)
    {
        switch (detail)
        {
            case BadRequest bad:
                var compact = new BadRequest();
                foreach (var v in bad.FieldViolations.Take(CompactViolations))
                {
                    compact.FieldViolations.Add(new BadRequest.Types.FieldViolation
                    {
                        Field = SafeText.Bounded(v.Field, CompactChars),
                        Description = SafeText.Bounded(v.Description, CompactChars),
                    });
                }

                return compact;
            case ErrorInfo info:
                return new ErrorInfo { Reason = SafeText.Bounded(info.Reason, CompactChars), Domain = Domain };
            case Refusal refusal:
                var small = new Refusal
                {
                    RuleId = SafeText.Bounded(refusal.RuleId, CompactChars),
                    Article = SafeText.Bounded(refusal.Article, CompactChars),
                    Message = SafeText.Bounded(refusal.Message, CompactChars),
                };
                small.Fields.AddRange(refusal.Fields.Take(CompactViolations).Select(f => SafeText.Bounded(f, CompactChars)));
                return small;
            case RetryInfo retry:
                return retry;
            case ResourceInfo resource:
                return new ResourceInfo { ResourceType = SafeText.Bounded(resource.ResourceType, CompactChars), ResourceName = SafeText.Bounded(resource.ResourceName, CompactChars) };
            default:
                return new Empty();
        }
    }

    private static string Cut(string value) => SafeText.Bounded(value, MaxDetailChars);
}
