using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Body ids bound to their Party: the configured lists, plus each accepted CompetentBodyChange's new body id,
/// which joins its sender's Party (read from the ledger).</summary>
public sealed class BodyRegistry(IOptions<BodiesOptions> options, IGatewayStore store)
{
    private readonly Dictionary<string, Party> _configured = Index(options.Value);

    /// <summary>Whether <paramref name="body"/> is one of <paramref name="party"/>'s bodies, as of <paramref name="ledger"/>.</summary>
    public bool IsOf(Party party, string body, ILedger ledger) =>
        _configured.TryGetValue(body, out var configured)
            ? configured == party
            : ledger.ByKey(LedgerKeys.CompetentBodyChanges).Any(c => c.Envelope.SenderParty == party && c.Envelope.CompetentBodyChange.NewBodyId == body);

    /// <summary>The envelope's fields naming a body that is not of the Party beside it (empty when both are).</summary>
    public IReadOnlyList<FieldViolation> Check(Envelope envelope, ILedger ledger)
    {
        var violations = new List<FieldViolation>(2);
        if (envelope.SenderBody.Length > 0 && !IsOf(envelope.SenderParty, envelope.SenderBody, ledger))
        {
            violations.Add(new FieldViolation("envelope.sender_body", "is not a body of sender_party"));
        }

        if (envelope.ReceiverBody.Length > 0 && !IsOf(envelope.ReceiverParty, envelope.ReceiverBody, ledger))
        {
            violations.Add(new FieldViolation("envelope.receiver_body", "is not a body of receiver_party"));
        }

        return violations;
    }

    /// <summary>Throws INVALID_ARGUMENT naming the field when a body is not of its Party; reads the ledger only for a body
    /// the configuration does not know.</summary>
    public async Task EnsureAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var known = Known(envelope.SenderParty, envelope.SenderBody) && Known(envelope.ReceiverParty, envelope.ReceiverBody);
        var violations = known ? [] : await store.ReadLedgerAsync(ledger => Check(envelope, ledger), cancellationToken);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }
    }

    private bool Known(Party party, string body) => body.Length == 0 || (_configured.TryGetValue(body, out var p) && p == party);

    private static Dictionary<string, Party> Index(BodiesOptions options)
    {
        var index = new Dictionary<string, Party>(StringComparer.Ordinal);
        foreach (var id in options.KZ)
        {
            index.TryAdd(id, Party.Kz);
        }

        foreach (var id in options.TM)
        {
            index.TryAdd(id, Party.Tm);
        }

        return index;
    }
}
