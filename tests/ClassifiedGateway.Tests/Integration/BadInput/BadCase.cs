namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>The listener a case is sent to, each with the identity that is authorized there.</summary>
internal enum Listener
{
    /// <summary>The Party's own systems, as KZ's competent body.</summary>
    Local,

    /// <summary>The peer listener, as TM's node.</summary>
    Peer,

    /// <summary>The operator listener, as KZ's operator.</summary>
    Operator,
}

/// <summary>One row of the bad-input table: a class of hostile input sent to one method, and the status it must get.</summary>
/// <param name="Class">The kind of bad input (one class is usually sent to many methods).</param>
/// <param name="Method">The gRPC path, /package.Service/Method.</param>
/// <param name="Body">The whole request body: frames included.</param>
/// <param name="Code">The expected gRPC status code.</param>
/// <param name="Field">The field a google.rpc.BadRequest must name (INVALID_ARGUMENT only).</param>
internal sealed record BadCase(string Class, Listener Listener, string Method, byte[] Body, int Code, string? Field,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public const int InvalidArgument = 3;
    public const int ResourceExhausted = 8;
    public const int Unimplemented = 12;

    public string Id => $"{Class} -> {Listener.ToString().ToLowerInvariant()} {Method}";
}
