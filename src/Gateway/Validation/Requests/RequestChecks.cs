using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Validation.Requests;

/// <summary>Checks of the local and operator listeners' requests.</summary>
internal static class RequestChecks
{
    /// <summary>The longest clock step DevClock takes.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3660);

    public static void Subscribe(Violations v, SubscribeRequest r)
    {
        if (r.AfterCursor < 0)
        {
            v.Add("after_cursor", "must not be negative");
        }

        v.OptionalBodyId("receiver_body", r.ReceiverBody);
    }

    public static void ListMessages(Violations v, ListMessagesRequest r)
    {
        v.OptionalTime("accepted_from", r.AcceptedFrom);
        v.OptionalTime("accepted_to", r.AcceptedTo);
        v.OptionalBodyId("body", r.Body);
        if (r.Kind.Length > 64)
        {
            v.Add("kind", "is not a notice kind");
        }

        if (r.PageToken.Length > 32)
        {
            v.Add("page_token", "is not a token this service issued");
        }
    }

    public static void Advance(Violations v, AdvanceRequest r)
    {
        if (!WireTimes.TryToTimeSpan(r.By, out var by) || by <= TimeSpan.Zero || by > MaxAdvance)
        {
            v.Add("by", "must be a positive duration of at most ten years (seconds and nanos of the same sign)");
        }
    }
}
