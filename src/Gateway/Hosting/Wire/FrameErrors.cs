using System.Globalization;
using ClassifiedGateway.Gateway.Errors;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>The statuses for request bodies that are not well-formed gRPC framing (the layer below the message).</summary>
internal static class FrameErrors
{
    /// <summary>The field named in every framing refusal.</summary>
    public const string Field = "grpc-frame";

    public static RpcException AdditionalData() => Invalid("a unary request carries exactly one message; more data followed it");

    public static RpcException Incomplete(string what) => Invalid($"the request ended inside {what}: the frame announced more bytes than were sent");

    public static RpcException Missing() => Invalid("the request carries no message");

    public static RpcException BadFlag(byte flag) =>
        Invalid($"compressed-flag byte must be 0 or 1, not {flag.ToString(CultureInfo.InvariantCulture)}");

    public static RpcException CompressedWithoutEncoding() => Invalid("a compressed message needs a grpc-encoding header naming its compression");

    public static RpcException CompressionUnsupported() =>
        new(new Status(StatusCode.Unimplemented, "This node takes uncompressed messages only (grpc-encoding identity)."));

    public static RpcException TooLarge(long length, int max) => StatusMapper.ResourceExhausted(
        $"The request message of {length.ToString(CultureInfo.InvariantCulture)} bytes exceeds the limit of {max.ToString(CultureInfo.InvariantCulture)} bytes.");

    private static RpcException Invalid(string description) =>
        StatusMapper.ToRpcException(new InvalidRequestException([new FieldViolation(Field, description)]));
}
