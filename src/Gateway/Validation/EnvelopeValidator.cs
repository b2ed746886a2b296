using System.Text.RegularExpressions;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>Checks an envelope's shape: ids, Parties, bodies, times, the notice and its required fields.</summary>
/// <remarks>Pure: the same checks run on the sending node at submit and on the receiving node at relay.</remarks>
public static partial class EnvelopeValidator
{
    public const int MaxIdLength = 128;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>Returns every violation (empty when the envelope is well formed).</summary>
    /// <param name="envelope">The envelope, or null when the request had none.</param>
    /// <param name="expectedSender">The Party that must be sending: this node's on submit, the peer's on relay; null when the
    /// caller's right to send is judged later (before any handler, only the shape is checked).</param>
    /// <param name="now">This node's clock.</param>
    /// <param name="maxSkew">How far in the future created_at may be.</param>
    public static IReadOnlyList<FieldViolation> Validate(Envelope? envelope, Party? expectedSender, DateTimeOffset now, TimeSpan maxSkew)
    {
        var v = new Violations();
        if (envelope is null)
        {
            v.Add("envelope", "is required");
            return v.Items;
        }

        ValidateId(v, "envelope.id", envelope.Id);
        ValidateParties(v, envelope, expectedSender);
        v.BodyId("envelope.sender_body", envelope.SenderBody);
        v.BodyId("envelope.receiver_body", envelope.ReceiverBody);
        v.Time("envelope.created_at", envelope.CreatedAt);
        if (WireTimes.TryToDateTimeOffset(envelope.CreatedAt, out var createdAt) && createdAt > WireTimes.AddClamped(now, maxSkew))
        {
            v.Add("envelope.created_at", $"lies more than {maxSkew.TotalMinutes:0} minutes ahead of the node's clock");
        }

        v.OptionalBodyId("envelope.correlation_id", envelope.CorrelationId);

        if (!NoticeKinds.TryOf(envelope.NoticeCase, out var kind))
        {
            v.Add("envelope.notice", "is required: set exactly one notice");
            return v.Items;
        }

        ValidateReply(v, envelope, kind);
        if (kind.ConcernsClassifiedMaterial || envelope.Level != ClassificationLevel.Unspecified)
        {
            v.Level("envelope.level", envelope.Level);
        }

        NoticeValidator.Validate(v, envelope);
        return v.Items;
    }

    /// <summary>Throws <see cref="InvalidRequestException"/> when the envelope is not well formed.</summary>
    public static void EnsureValid(Envelope? envelope, Party expectedSender, DateTimeOffset now, TimeSpan maxSkew)
    {
        var violations = Validate(envelope, expectedSender, now, maxSkew);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }
    }

    internal static void ValidateId(Violations v, string field, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            v.Add(field, "is required");
        }
        else if (id.Length > MaxIdLength || !IdPattern().IsMatch(id))
        {
            v.Add(field, $"must be 1-{MaxIdLength} characters of letters, digits and . _ : - (starting with a letter or digit)");
        }
    }

    private static void ValidateParties(Violations v, Envelope envelope, Party? expectedSender)
    {
        if (!PartyCodes.IsKnown(envelope.SenderParty))
        {
            v.Add("envelope.sender_party", "must be PARTY_KZ or PARTY_TM");
        }
        else if (expectedSender is { } expected && envelope.SenderParty != expected)
        {
            v.Add("envelope.sender_party", $"must be {PartyCodes.Code(expected)}: a node only carries its own Party's notices outward");
        }

        if (!PartyCodes.IsKnown(envelope.ReceiverParty))
        {
            v.Add("envelope.receiver_party", "must be PARTY_KZ or PARTY_TM");
        }
        else if (envelope.ReceiverParty == envelope.SenderParty)
        {
            v.Add("envelope.receiver_party", "must be the other Party");
        }
    }

    private static void ValidateReply(Violations v, Envelope envelope, NoticeKind kind)
    {
        if (envelope.InReplyTo.Length > 0)
        {
            ValidateId(v, "envelope.in_reply_to", envelope.InReplyTo);
            if (envelope.InReplyTo == envelope.Id)
            {
                v.Add("envelope.in_reply_to", "cannot name the notice itself");
            }
        }
        else if (kind.ReplyRequired)
        {
            v.Add("envelope.in_reply_to", $"is required: a {kind.Name} answers a {kind.Answers}");
        }
    }
}
