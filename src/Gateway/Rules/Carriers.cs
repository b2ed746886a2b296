using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Which carriers of a transfer a notice names. An empty carrier_ids means every carrier of the transfer.</summary>
public static class Carriers
{
    /// <summary>The carrier_ids field of a notice that has one, with its proto path; null for kinds without one.</summary>
    public static (IReadOnlyList<string> Ids, string Field)? Named(Envelope e) => e.NoticeCase switch
    {
        Case.ReceiptConfirmation => (e.ReceiptConfirmation.CarrierIds, "receipt_confirmation.carrier_ids"),
        Case.CopyRequest => (e.CopyRequest.CarrierIds, "copy_request.carrier_ids"),
        Case.CopyNotice => (e.CopyNotice.CarrierIds, "copy_notice.carrier_ids"),
        Case.DestructionRequest => (e.DestructionRequest.CarrierIds, "destruction_request.carrier_ids"),
        Case.DestructionNotice => (e.DestructionNotice.CarrierIds, "destruction_notice.carrier_ids"),
        Case.ThirdPartyDisclosureRequest => (e.ThirdPartyDisclosureRequest.CarrierIds, "third_party_disclosure_request.carrier_ids"),
        Case.ThirdPartyDisclosureNotice => (e.ThirdPartyDisclosureNotice.CarrierIds, "third_party_disclosure_notice.carrier_ids"),
        _ => null,
    };

    /// <summary>The carriers <paramref name="named"/> covers that <paramref name="scope"/> does not, both read against the transfer's carriers.</summary>
    public static IReadOnlyList<string> Beyond(IReadOnlyList<string> named, IReadOnlyList<string> scope, TransferNotice transfer)
    {
        var all = transfer.Carriers.Select(c => c.CarrierId).ToList();
        var allowed = (scope.Count == 0 ? all : scope).ToHashSet(StringComparer.Ordinal);
        return [.. (named.Count == 0 ? all : named).Where(id => !allowed.Contains(id)).Distinct()];
    }

    /// <summary>The first few ids, quoted, for a refusal message.</summary>
    public static string Quote(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(3).Select(id => $"'{Domain.SafeText.Bounded(id, 64)}'")) + (ids.Count > 3 ? $" and {ids.Count - 3} more" : "");
}
