using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>A message id is the sender's: unique per (sender_party, sender_body). The store keys a message by all three, so
/// one Party's ids never collide with the other's and one body's ids never reveal another's.</summary>
public static class MessageKeys
{
    /// <summary>The store's key, e.g. "KZ/kz-ab-1/x-1". Ids and body ids never contain '/', so keys never collide with each other
    /// nor with the bare ids that rows stored before the key existed keep as their key.</summary>
    public static string Of(Party senderParty, string senderBody, string id) => $"{PartyCodes.Code(senderParty)}/{senderBody}/{id}";

    public static string Of(Envelope e) => Of(e.SenderParty, e.SenderBody, e.Id);
}
