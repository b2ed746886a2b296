using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The one authorization seam, after routing and before any endpoint runs: every gRPC call type (unary, client-,
/// server- and bidi-streaming) and every HTTP endpoint. Decided by the listener the connection arrived on and the client
/// certificate's identity, against <see cref="AccessPolicy"/>. Denies by default; every denial audited once.</summary>
internal sealed class AuthorizationSeam(RequestDelegate next, Listeners listeners, CallGuard guard, ConsoleCsrf csrf, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || IsGrpcFallback(endpoint))
        {
            // No such path (404) or no such gRPC method (UNIMPLEMENTED): nothing there to protect.
            await next(http);
            return;
        }

        var grpc = endpoint.Metadata.GetMetadata<GrpcMethodMetadata>();
        var resource = grpc is not null ? grpc.Method.ServiceName
            : endpoint.Metadata.GetMetadata<HttpEndpoint>() is { } mapped ? AccessPolicy.Http(mapped)
            : null;
        var certificate = http.Connection.ClientCertificate;
        var caller = certificate is null ? null : CallerIdentity.From(certificate);
        var listener = listeners.Of(http.Connection.LocalPort);
        if (resource is not null && caller is not null && listener is { } on && AccessPolicy.Allows(on, resource, caller, options.Value.LocalParty))
        {
            if (endpoint.Metadata.GetMetadata<HttpEndpoint>() is { Acts: true } && csrf.Problem(http.Request, certificate!) is { } forged)
            {
                await guard.RecordAsync(caller, "CSRF_REJECTED", $"{SafeText.Bounded(http.Request.Path.Value, 128)}: {forged}", "", http.RequestAborted);
                await PlainAsync(http, StatusCodes.Status403Forbidden, $"Forbidden: {forged}.");
                return;
            }

            CallGuard.Admit(http, caller);
            await next(http);
            return;
        }

        if (certificate is null && listener == ListenerKind.Operator)
        {
            // Only the operator listener lets a handshake finish without a certificate, and only to say so. Not audited: an
            // anonymous caller has no identity to record, and must not be able to fill the audit trail (it is rate-limited too).
            if (grpc is not null)
            {
                GrpcDenial.Write(http.Response, "NO_CLIENT_CERTIFICATE", "A client certificate is required.");
                return;
            }

            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsync(NoCertificatePage.Html, http.RequestAborted);
            return;
        }

        var what = grpc is not null ? grpc.Method.FullName : SafeText.Bounded(http.Request.Path.Value, 128);
        var detail = $"{caller?.ToString() ?? "an unidentified caller"} may not call {what} on the {Name(listener)} listener";
        await guard.RecordAsync(caller, "ROLE_NOT_ALLOWED", detail, "", http.RequestAborted);
        if (grpc is not null)
        {
            GrpcDenial.Write(http.Response, "ROLE_NOT_ALLOWED", detail + ".");
        }
        else
        {
            await PlainAsync(http, StatusCodes.Status403Forbidden, "Forbidden.");
        }
    }

    private static async Task PlainAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text, http.RequestAborted);
    }

    /// <summary>grpc-dotnet's catch-all endpoints for unknown services and methods: they only answer UNIMPLEMENTED.</summary>
    private static bool IsGrpcFallback(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is null
        && endpoint.DisplayName?.StartsWith("gRPC - Unimplemented", StringComparison.Ordinal) == true;

    private static string Name(ListenerKind? listener) => listener switch
    {
        ListenerKind.Local => "local",
        ListenerKind.Peer => "peer",
        ListenerKind.Operator => "operator",
        _ => "unknown",
    };
}

/// <summary>Plugs the seam into the pipeline.</summary>
public static class AuthorizationSeamExtensions
{
    /// <summary>Adds the authorization seam; call after routing (implicit in minimal hosting) and before endpoints run.</summary>
    public static IApplicationBuilder UseGatewayAuthorization(this IApplicationBuilder app) => app.UseMiddleware<AuthorizationSeam>();
}
