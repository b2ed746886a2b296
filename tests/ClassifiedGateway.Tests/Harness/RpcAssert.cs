using Google.Rpc;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Assertions on rich gRPC statuses.</summary>
internal static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        Assert.DoesNotContain("   at ", e.Status.Detail, StringComparison.Ordinal);
        return e;
    }

    public static IReadOnlyList<string> BadFields(RpcException e) =>
        e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    public static ErrorInfo? ErrorInfo(RpcException e) => e.GetRpcStatus()?.GetDetail<ErrorInfo>();
}
