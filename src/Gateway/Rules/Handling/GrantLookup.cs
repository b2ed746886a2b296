using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Handling;

/// <summary>Finds the written permission a handling notice relies on: a granted answer to this Party's own request about the same transfer.</summary>
internal static class GrantLookup
{
    /// <summary>Null when the grant holds; otherwise what is wrong, in words.</summary>
    public static string? Problem(Facts facts, Envelope notice, string grantId, Case grantKind, Case requestKind, string transferId, Func<LedgerEntry, bool> granted)
    {
        if (facts.Find(grantId, grantKind) is not { } grant)
        {
            return $"'{grantId}' is not a known {grantKind}.";
        }

        if (!granted(grant))
        {
            return $"{grantKind} '{grantId}' did not grant it.";
        }

        if (facts.Find(grant.Envelope.InReplyTo, requestKind) is not { } request
            || request.Envelope.SenderParty != notice.SenderParty
            || grant.Envelope.SenderParty == notice.SenderParty)
        {
            return $"{grantKind} '{grantId}' does not answer a {requestKind} of this Party.";
        }

        var about = LedgerKeys.TransferIdOf(request.Envelope);
        return about == transferId ? null : $"{grantKind} '{grantId}' concerns transfer '{about}', not '{transferId}'.";
    }

    /// <summary>Null when the notice's carriers are within those its grant's request named; otherwise what is beyond, in words.
    /// Call after <see cref="Problem"/> found the grant sound.</summary>
    public static string? CarrierProblem(Facts facts, Envelope notice, string grantId)
    {
        if (Carriers.Named(notice) is not { } named || facts.Find(grantId) is not { } grant || facts.Find(grant.Envelope.InReplyTo) is not { } request
            || Carriers.Named(request.Envelope) is not { } scope || Originators.TransferOf(facts, notice) is not { } transfer)
        {
            return null;
        }

        var beyond = Carriers.Beyond(named.Ids, scope.Ids, transfer.Envelope.TransferNotice);
        return beyond.Count == 0 ? null : $"'{grantId}' answers '{request.Id}', which did not ask about carrier {Carriers.Quote(beyond)}.";
    }
}
