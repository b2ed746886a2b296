using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Operators' reads of notice content (visitors' passports, breach circumstances) leave a "content-read" audit entry:
/// who, what, which message — once per read.</summary>
public sealed class ContentReads(IGatewayStore store, TimeProvider time)
{
    /// <summary>Records that <paramref name="caller"/> read message <paramref name="messageId"/> through <paramref name="via"/>.</summary>
    public Task RecordAsync(CallerIdentity caller, string via, string messageId, CancellationToken cancellationToken) =>
        store.AppendAuditAsync("content-read", SafeText.Bounded(messageId), caller.ToString(), $"{via}: {SafeText.Bounded(messageId)}",
            time.GetUtcNow(), cancellationToken);
}
