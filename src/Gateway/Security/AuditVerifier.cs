using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>A signed statement of the chain's head at one moment.</summary>
public sealed record AuditCheckpoint(long HeadSequence, byte[] HeadHash, long AtMs, byte[] Signature);

/// <summary>The outcome of a verification: fine, or the first broken entry and why.</summary>
public sealed record AuditVerdict(bool Intact, long? FirstBrokenSequence, string Message, int Entries, int Checkpoints);

/// <summary>Checks a whole audit chain and its signed checkpoints; reports the first broken entry.</summary>
public static class AuditVerifier
{
    public static AuditVerdict Verify(IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditCheckpoint> checkpoints, X509Certificate2 signer)
    {
        var expectedPrevious = AuditHash.Genesis;
        var expectedSequence = 1L;
        var hashes = new Dictionary<long, byte[]>();
        foreach (var e in entries)
        {
            if (e.Sequence != expectedSequence)
            {
                return Broken(expectedSequence, e.Sequence > expectedSequence
                    ? $"entry {expectedSequence} is missing (the chain jumps from {expectedSequence - 1} to {e.Sequence})"
                    : $"entry {expectedSequence} is out of order (found {e.Sequence})", entries, checkpoints);
            }

            if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, expectedPrevious))
            {
                return Broken(e.Sequence, $"entry {e.Sequence} does not follow entry {e.Sequence - 1} (an entry was removed, inserted or moved)", entries, checkpoints);
            }

            if (!AuditHash.IsIntact(e))
            {
                return Broken(e.Sequence, $"entry {e.Sequence} was altered (its content does not match its hash)", entries, checkpoints);
            }

            hashes[e.Sequence] = e.Hash;
            expectedPrevious = e.Hash;
            expectedSequence++;
        }

        var last = expectedSequence - 1;
        foreach (var c in checkpoints.OrderBy(c => c.HeadSequence))
        {
            if (!NodeSignatures.Verify(signer, SignedBytes.Checkpoint(c.HeadSequence, c.HeadHash, c.AtMs), c.Signature))
            {
                return new AuditVerdict(false, c.HeadSequence, $"the checkpoint at entry {c.HeadSequence} is not signed by this node", entries.Count, checkpoints.Count);
            }

            if (c.HeadSequence > last)
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(c.AtMs).ToString("u", CultureInfo.InvariantCulture);
                return new AuditVerdict(false, last + 1,
                    $"entry {last + 1} is missing: the chain ends at {last} but the checkpoint signed {at} covers up to {c.HeadSequence} (tail cut)", entries.Count, checkpoints.Count);
            }

            if (!CryptographicOperations.FixedTimeEquals(hashes[c.HeadSequence], c.HeadHash))
            {
                return new AuditVerdict(false, c.HeadSequence, $"entry {c.HeadSequence} differs from the signed checkpoint", entries.Count, checkpoints.Count);
            }
        }

        return new AuditVerdict(true, null, $"intact: {entries.Count} entries, {checkpoints.Count} signed checkpoints", entries.Count, checkpoints.Count);
    }

    private static AuditVerdict Broken(long sequence, string message, IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditCheckpoint> checkpoints) =>
        new(false, sequence, message, entries.Count, checkpoints.Count);
}
