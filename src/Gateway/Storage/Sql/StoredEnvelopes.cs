using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Every stored envelope is checked against the digest kept at acceptance before anything uses it.</summary>
internal static class StoredEnvelopes
{
    /// <summary>The rule id of a quarantined message's refusal.</summary>
    public const string QuarantineRule = "QUARANTINED";

    /// <summary>The envelope when its bytes match <paramref name="digest"/> and parse; otherwise null and the reason (never content).</summary>
    public static Envelope? Check(byte[]? bytes, byte[]? digest, out string? problem)
    {
        if (bytes is null || digest is null)
        {
            problem = "is missing";
            return null;
        }

        if (!Digests.Sha256(bytes).AsSpan().SequenceEqual(digest))
        {
            problem = "does not match the SHA-256 digest kept when it was stored";
            return null;
        }

        try
        {
            problem = null;
            return Envelope.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            problem = "does not parse";
            return null;
        }
    }

    public static Refusal QuarantineRefusal(string problem) => new()
    {
        RuleId = QuarantineRule,
        Message = $"The stored envelope {problem}; it is quarantined: never delivered, relayed or re-signed.",
        Fields = { "envelope" },
    };

    /// <summary>The audit chain's record of what was stored ("sha256=hex"), so a later change to the row shows.</summary>
    public static string AuditDigest(byte[] digest) => $"sha256={Convert.ToHexStringLower(digest)}";
}
