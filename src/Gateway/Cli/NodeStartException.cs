namespace ClassifiedGateway.Gateway.Cli;

/// <summary>The node failed while building or running; carries its configuration so the error can name the key at fault.</summary>
public sealed class NodeStartException(Exception inner, IConfiguration? configuration) : Exception(inner.Message, inner)
{
    public IConfiguration? Configuration { get; } = configuration;
}
