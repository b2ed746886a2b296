using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>Puts a <see cref="FramingPipeReader"/> in front of every gRPC call's request body, so framing errors (a second
/// message in a unary call, a frame longer than the body, a bad compressed flag, an over-size frame) get one clear status.</summary>
internal sealed class GrpcFramingMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        var grpc = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (grpc is null)
        {
            return next(context);
        }

        // The frame check bounds every message; the transport's own body limit would otherwise race it and reset the stream
        // (the caller then sees UNKNOWN or RESOURCE_EXHAUSTED depending on timing).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var single = grpc.Method.Type is MethodType.Unary or MethodType.ServerStreaming;
        // The other node's relay messages wrap what a submit carried, so they may be a little larger (LimitsOptions.PeerFrameAllowance).
        var max = grpc.Method.ServiceName == PeerRelayService.Descriptor.FullName ? limits.Value.MaxPeerMessageBytes : limits.Value.MaxMessageBytes;
        var rules = new FrameRules(single, max, context.Request.Headers["grpc-encoding"].FirstOrDefault());
        context.Features.Set<IRequestBodyPipeFeature>(new FramedBody(new FramingPipeReader(context.Request.BodyReader, rules)));
        return next(context);
    }

    private sealed class FramedBody(System.IO.Pipelines.PipeReader reader) : IRequestBodyPipeFeature
    {
        public System.IO.Pipelines.PipeReader Reader => reader;
    }
}
