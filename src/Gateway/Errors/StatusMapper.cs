using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Errors;

/// <summary>Turns the gateway's errors into rich gRPC statuses. Exception text of unexpected errors never leaves the node.</summary>
public static class StatusMapper
{
    public const string Domain = "classified-gateway";

    public static RpcException ToRpcException(GatewayException exception) => exception switch
    {
        InvalidRequestException e => Build(Code.InvalidArgument, e.Message, new BadRequest
        {
            FieldViolations =
            {
                e.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }),
            },
        }),
        RuleRefusalException e => Build(Code.FailedPrecondition, e.Message, ErrorInfo(e.RuleId, e.Article, e.Fields)),
        PermissionDeniedException e => Build(Code.PermissionDenied, e.Message, ErrorInfo(e.Reason, null, [])),
        IdConflictException e => Build(Code.AlreadyExists, e.Message, ErrorInfo("ID_CONFLICT", null, ["envelope.id"])),
        NotFoundException e => Build(Code.NotFound, e.Message, new ResourceInfo { ResourceType = e.What, ResourceName = e.Id }),
        StorageFullException e => Build(Code.ResourceExhausted, e.Message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) }),
        _ => Internal(null),
    };

    public static RpcException Internal(string? reference) =>
        Build(Code.Internal, reference is null ? "Internal error." : $"Internal error (reference {reference}).", null);

    private static ErrorInfo ErrorInfo(string reason, string? article, IReadOnlyList<string> fields)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (article is not null)
        {
            info.Metadata["article"] = article;
        }

        if (fields.Count > 0)
        {
            info.Metadata["fields"] = string.Join(",", fields);
        }

        return info;
    }

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}
