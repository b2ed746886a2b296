using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>Lookups by id from outside. A message id is the sender's (unique per sender_party, sender_body): a bare id resolves
/// among the messages the caller may see, and when two senders used it the caller must say which.</summary>
internal static class MessageLookup
{
    private static readonly string[] SenderFields = ["sender_party", "sender_body"];

    public static MessageRef Ref(string id, Party senderParty, string senderBody) => new(id, senderParty, senderBody);

    /// <summary>The dashboard's form: <c>?sender_party=KZ&amp;sender_body=kz-ab-1</c> after the id.</summary>
    public static MessageRef Ref(string id, HttpRequest request) =>
        new(id, PartyCodes.TryParse(request.Query["sender_party"], out var party) ? party : Party.Unspecified, request.Query["sender_body"].ToString());

    /// <summary>The dashboard's answer: the one message, or 404 / 409 (ambiguous: name the sender) without throwing.</summary>
    public static IResult? Problem(IReadOnlyList<FoundMessage> candidates) => candidates.Count switch
    {
        0 => Results.NotFound(),
        1 => null,
        _ => Results.Conflict(new { reason = "AMBIGUOUS_ID", set = SenderFields }),
    };

    /// <summary>The one message meant; ambiguous → FAILED_PRECONDITION (AMBIGUOUS_ID) naming the fields to set.</summary>
    public static FoundMessage Single(IReadOnlyList<FoundMessage> candidates, string what, string id) => candidates.Count switch
    {
        0 => throw new NotFoundException(what, SafeText.Bounded(id)),
        1 => candidates[0],
        _ => throw new RuleRefusalException("AMBIGUOUS_ID", "",
            $"More than one sender used message id '{SafeText.Bounded(id)}': set sender_party and sender_body to say which.", SenderFields),
    };
}
