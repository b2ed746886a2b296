using System.Text;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Validation.Requests;
using Google.Protobuf;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Hosting.Wire;

/// <summary>A request marshaller that parses and validates before any handler runs: bytes that do not parse, and requests that
/// fail their checks, become INVALID_ARGUMENT with a google.rpc.BadRequest (never UNKNOWN, never a handler exception).</summary>
/// <remarks>grpc-dotnet answers an <see cref="RpcException"/> thrown while reading the request with its own status.</remarks>
internal static partial class GuardedMarshaller
{
    /// <summary>The field named in a refusal of bytes that are not a well-formed message.</summary>
    public const string RequestField = "request";

    public static Marshaller<T> For<T>(Marshaller<T> inner, string method, RequestValidator validator, ILogger logger)
        where T : class => Marshallers.Create(inner.ContextualSerializer, context =>
        {
            T request;
            try
            {
                request = inner.ContextualDeserializer(context);
            }
            catch (Exception e) when (e is not RpcException and not OperationCanceledException)
            {
                LogMalformed(logger, method, e.GetType().Name);
                throw Malformed(typeof(T), e);
            }

            var violations = validator.Validate(request);
            if (violations.Count > 0)
            {
                LogInvalid(logger, method, violations.Count);
                throw StatusMapper.ToRpcException(new InvalidRequestException(violations));
            }

            return request;
        });

    private static RpcException Malformed(Type type, Exception e)
    {
        // The parser's own texts are fixed sentences; a decoder's text would quote the caller's bytes, so it is not echoed.
        var why = e switch
        {
            DecoderFallbackException => "a string field is not valid UTF-8",
            InvalidProtocolBufferException p => p.Message,
            _ => "the bytes are not a protocol buffer message",
        };
        return StatusMapper.ToRpcException(new InvalidRequestException(
            [new FieldViolation(RequestField, $"is not a well-formed {type.Name}: {why}")]));
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Call {Method} refused before its handler: malformed request ({ErrorType})")]
    private static partial void LogMalformed(ILogger logger, string method, string errorType);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Call {Method} refused before its handler: {Count} invalid fields")]
    private static partial void LogInvalid(ILogger logger, string method, int count);
}
