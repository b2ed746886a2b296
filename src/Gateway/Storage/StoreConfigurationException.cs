namespace ClassifiedGateway.Gateway.Storage;

/// <summary>The database is reachable but set up so the store cannot keep its promises (e.g. PostgreSQL with fsync off);
/// the message is one sentence for the operator and names no secret.</summary>
public sealed class StoreConfigurationException(string message) : Exception(message);
