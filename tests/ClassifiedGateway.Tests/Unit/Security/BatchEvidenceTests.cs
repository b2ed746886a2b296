using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>One message's evidence verifies offline whether its notice or receipt was signed alone (evidence stored before batch
/// signatures) or in its batch, and a proof never vouches for anything but its own item.</summary>
public sealed class BatchEvidenceTests : IDisposable
{
    private static readonly string Fixtures = System.IO.Path.Combine(RuleCatalogueTests.RepositoryRoot(), "tests", "ClassifiedGateway.Tests", "Unit", "Security", "Fixtures");
    private readonly DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 _kzCa;
    private readonly X509Certificate2 _kz;

    public BatchEvidenceTests()
    {
        _kzCa = DevPki.CreateCa("kz-ca", _now.AddDays(-1), _now.AddYears(5));
        _kz = DevPki.Issue(_kzCa, new CallerIdentity(Party.Kz, CallerRole.Node, "kz-node"), _now.AddDays(-1), _now.AddYears(3), server: true, client: true);
    }

    [Theory]
    [InlineData("old-inbound.evidence", "kz-node.crt", "the sending node signed this notice")]
    [InlineData("old-outbound.evidence", "tm-node.crt", "the receiving node signed its receipt")]
    public void Evidence_stored_before_batch_signatures_still_verifies_and_an_altered_copy_does_not(string file, string peer, string signatureCheck)
    {
        var evidence = Evidence.Parser.ParseFrom(File.ReadAllBytes(System.IO.Path.Combine(Fixtures, file)));
        using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(System.IO.Path.Combine(Fixtures, peer)));
        Assert.Null(evidence.NoticeProof);
        Assert.Null(evidence.Receipt?.BatchProof);

        var checks = EvidenceVerifier.Verify(evidence, trusted);
        Assert.Contains(checks, c => c.Check == signatureCheck);
        Assert.All(checks, c => Assert.True(c.Holds, c.Check));

        var bytes = evidence.Envelope.ToByteArray();
        bytes[^2] ^= 0x01;
        evidence.Envelope = ByteString.CopyFrom(bytes);
        Assert.Contains(EvidenceVerifier.Verify(evidence, trusted), c => !c.Holds);
    }

    [Fact]
    public void A_notice_signed_in_its_batch_verifies_alone_and_its_proof_vouches_for_no_other_notice()
    {
        var envelopes = Enumerable.Range(0, 5).Select(i => Harness.Notices.Consultation($"batched-{i}", Party.Kz, _now).ToByteArray()).ToList();
        var signed = envelopes.Select((e, i) => SignedBytes.Notice(100 + i, _now.ToUnixTimeMilliseconds(), e)).ToList();
        var proofs = BatchProofs.Sign(BatchProofs.Notices, signed, data => NodeSignatures.Sign(_kz, data));

        var evidence = Inbound(envelopes[3], 103, proofs[3]);
        Assert.All(EvidenceVerifier.Verify(evidence, _kz), c => Assert.True(c.Holds, c.Check));
        Assert.Contains(EvidenceVerifier.Verify(evidence, _kz), c => c.Check == "the sending node signed the batch of 5 that holds this notice");

        Assert.Contains(EvidenceVerifier.Verify(Inbound(envelopes[2], 102, proofs[3]), _kz), c => !c.Holds);  // another notice's proof
        Assert.Contains(EvidenceVerifier.Verify(Inbound(envelopes[3], 104, proofs[3]), _kz), c => !c.Holds);  // another sequence
        Assert.False(BatchProofs.Verify(_kz, BatchProofs.Receipts, signed[3], proofs[3]));                    // a notice root is no receipt root
        var otherSize = proofs[3].Clone();
        otherSize.LeafCount = 6;  // the same path leads to the same root for 5 or 6 leaves; the signature covers the count
        Assert.False(BatchProofs.Verify(_kz, BatchProofs.Notices, signed[3], otherSize));
    }

    [Fact]
    public void A_receipt_signed_in_its_batch_verifies_alone_and_a_changed_receipt_does_not()
    {
        var envelope = Harness.Notices.Consultation("receipted-1", Party.Kz, _now).ToByteArray();
        var receipts = Enumerable.Range(0, 3).Select(i => new Receipt
        {
            MessageId = i == 1 ? "receipted-1" : $"other-{i}",
            Status = ReceiptStatus.Stored,
            StoredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_now),
            EnvelopeDigest = ByteString.CopyFrom(SHA256.HashData(i == 1 ? envelope : [(byte)i])),
        }).ToList();
        var proofs = BatchProofs.Sign(BatchProofs.Receipts, [.. receipts.Select(SignedBytes.Receipt)], data => NodeSignatures.Sign(_kz, data));
        var receipt = receipts[1].Clone();
        receipt.BatchProof = proofs[1];

        var evidence = Outbound(envelope, receipt);
        Assert.All(EvidenceVerifier.Verify(evidence, _kz), c => Assert.True(c.Holds, c.Check));

        receipt.StoredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_now.AddSeconds(1));
        Assert.Contains(EvidenceVerifier.Verify(Outbound(envelope, receipt), _kz), c => !c.Holds);
    }

    private Evidence Inbound(byte[] envelope, long sequence, BatchProof proof) =>
        EvidenceVerifier.Build(new StoredEvidence(Id(envelope), Direction.Inbound, envelope, sequence, _now, [], null, Audit(Id(envelope)), proof), Party.Tm, _kz, _kz);

    private Evidence Outbound(byte[] envelope, Receipt receipt) =>
        EvidenceVerifier.Build(new StoredEvidence(Id(envelope), Direction.Outbound, envelope, null, null, null, receipt, Audit(Id(envelope))), Party.Kz, _kz, _kz);

    private static string Id(byte[] envelope) => Envelope.Parser.ParseFrom(envelope).Id;

    private List<AuditEntry> Audit(string id)
    {
        var at = _now.ToUnixTimeMilliseconds();
        return [new AuditEntry(1, at, "stage:Relayed", id, "node", "", AuditHash.Genesis, AuditHash.Compute(AuditHash.Genesis, 1, at, "stage:Relayed", id, "node", ""))];
    }

    public void Dispose()
    {
        _kz.Dispose();
        _kzCa.Dispose();
    }
}
