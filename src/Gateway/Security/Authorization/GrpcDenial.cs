using System.Text;
using ClassifiedGateway.Gateway.Errors;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>A proper gRPC PERMISSION_DENIED written without running the service: a trailers-only response (HTTP 200,
/// application/grpc, grpc-status 7, grpc-message, grpc-status-details-bin with google.rpc ErrorInfo built by StatusMapper).</summary>
internal static class GrpcDenial
{
    public static void Write(HttpResponse response, string reason, string message)
    {
        var status = StatusMapper.ToRpcException(new PermissionDeniedException(reason, message));
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Status.Detail);
        foreach (var entry in status.Trailers.Where(t => t.IsBinary))
        {
            response.Headers[entry.Key] = Convert.ToBase64String(entry.ValueBytes).TrimEnd('=');
        }
    }

    /// <summary>grpc-message is percent-encoded UTF-8 (the gRPC HTTP/2 protocol): printable ASCII except '%' as is.</summary>
    private static string PercentEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
