namespace ClassifiedGateway.Gateway.Cli;

/// <summary>A mistake on the command line or in the configuration: its message is the one sentence the user sees (exit 2).</summary>
public sealed class CliUsageException(string sentence, Exception? inner = null) : Exception(sentence, inner);
