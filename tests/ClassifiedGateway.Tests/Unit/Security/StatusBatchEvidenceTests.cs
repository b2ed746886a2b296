using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>A sent notice's evidence proves the other node's DELIVERED and ACKNOWLEDGED reports on their own, offline, whether
/// each was signed alone (an older node, the unary call) or in its batch; a report changed in any signed field, or carrying
/// another report's proof or a root signature that is not the node's, fails.</summary>
public sealed class StatusBatchEvidenceTests : IDisposable
{
    private readonly DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 _tmCa;
    private readonly X509Certificate2 _tm;
    private readonly byte[] _envelope;

    public StatusBatchEvidenceTests()
    {
        _tmCa = DevPki.CreateCa("tm-ca", _now.AddDays(-1), _now.AddYears(5));
        _tm = DevPki.Issue(_tmCa, new CallerIdentity(Party.Tm, CallerRole.Node, "tm-node"), _now.AddDays(-1), _now.AddYears(3), server: true, client: true);
        _envelope = Harness.Notices.Consultation("reported-1", Party.Kz, _now).ToByteArray();
    }

    [Fact]
    public void Reports_signed_in_their_batch_each_verify_in_the_evidence_of_their_notice()
    {
        var batch = Batch();
        var evidence = Outbound(batch[1], batch[3]);

        var checks = EvidenceVerifier.Verify(evidence, _tm);
        Assert.All(checks, c => Assert.True(c.Holds, c.Check));
        Assert.Contains(checks, c => c.Check == "the receiving node signed the batch of 5 status reports that holds its DELIVERED report");
        Assert.Contains(checks, c => c.Check == "the receiving node signed the batch of 5 status reports that holds its ACKNOWLEDGED report");
        Assert.Contains(checks, c => c.Check == "the ACKNOWLEDGED report is about this notice");
    }

    public static TheoryData<string> Tamperings => ["stage", "message id", "sender body", "swapped proof", "root signature", "leaf count"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_report_changed_after_its_batch_was_signed_fails(string tampering)
    {
        var batch = Batch();
        var report = batch[3];
        switch (tampering)
        {
            case "stage": report.Stage = Stage.Delivered; break;
            case "message id": report.MessageId = "reported-2"; break;
            case "sender body": report.SenderBody = "kz-other"; break;
            case "swapped proof": report.BatchProof = batch[1].BatchProof; break;
            case "root signature": report.BatchProof.RootSignature = ByteString.CopyFrom(NodeSignatures.Sign(_tm, [1, 2, 3])); break;
            case "leaf count": report.BatchProof.LeafCount = 6; break;
        }

        var failed = EvidenceVerifier.Verify(Outbound(batch[1], report), _tm).Where(c => !c.Holds).Select(c => c.Check).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, c => Assert.Contains("report", c, StringComparison.Ordinal));  // the receipt and the other report still hold
    }

    [Fact]
    public void A_statuses_root_is_no_notices_or_receipts_root_and_another_nodes_key_does_not_verify()
    {
        var batch = Batch();
        var signed = SignedBytes.Status(batch[3]);
        Assert.True(BatchProofs.Verify(_tm, BatchProofs.Statuses, signed, batch[3].BatchProof));
        Assert.False(BatchProofs.Verify(_tm, BatchProofs.Receipts, signed, batch[3].BatchProof));
        Assert.False(BatchProofs.Verify(_tm, BatchProofs.Notices, signed, batch[3].BatchProof));
        using var other = DevPki.Issue(_tmCa, new CallerIdentity(Party.Tm, CallerRole.Node, "tm-other"), _now.AddDays(-1), _now.AddYears(3), server: true, client: true);
        Assert.False(BatchProofs.Verify(other, BatchProofs.Statuses, signed, batch[3].BatchProof));
    }

    [Fact]
    public void Reports_signed_alone_still_verify_and_an_unsigned_one_does_not()
    {
        var delivered = Report(Stage.Delivered, "reported-1", 7);
        delivered.Signature = ByteString.CopyFrom(NodeSignatures.Sign(_tm, SignedBytes.Status(delivered)));
        var checks = EvidenceVerifier.Verify(Outbound(delivered), _tm);
        Assert.All(checks, c => Assert.True(c.Holds, c.Check));
        Assert.Contains(checks, c => c.Check == "the receiving node signed its DELIVERED report");

        // What a stored report that no longer parses is exported as: an unsigned report of its stage.
        Assert.Contains(EvidenceVerifier.Verify(Outbound(new StatusReport { MessageId = "reported-1", Stage = Stage.Acknowledged }), _tm),
            c => c.Check == "the receiving node signed its ACKNOWLEDGED report" && !c.Holds);
    }

    [Fact]
    public void Evidence_of_a_notice_without_kept_reports_verifies_as_before()
    {
        var evidence = Outbound();
        Assert.Empty(evidence.StatusReports);
        Assert.All(EvidenceVerifier.Verify(evidence, _tm), c => Assert.True(c.Holds, c.Check));
    }

    /// <summary>Five reports signed as one batch: index 1 is reported-1's DELIVERED, index 3 its ACKNOWLEDGED.</summary>
    private List<StatusReport> Batch()
    {
        List<StatusReport> reports =
        [
            Report(Stage.Delivered, "reported-0", 10), Report(Stage.Delivered, "reported-1", 11), Report(Stage.Acknowledged, "reported-0", 12),
            Report(Stage.Acknowledged, "reported-1", 13), Report(Stage.Delivered, "reported-2", 14),
        ];
        var proofs = BatchProofs.Sign(BatchProofs.Statuses, [.. reports.Select(SignedBytes.Status)], data => NodeSignatures.Sign(_tm, data));
        for (var i = 0; i < reports.Count; i++)
        {
            reports[i].BatchProof = proofs[i];
        }

        return reports;
    }

    private StatusReport Report(Stage stage, string id, long sequence) => new()
    {
        Sequence = sequence,
        MessageId = id,
        Stage = stage,
        At = Timestamp.FromDateTimeOffset(_now.AddSeconds(sequence)),
        ByBody = stage == Stage.Acknowledged ? Harness.Notices.TmCompetentBody : "",
        SenderBody = Harness.Notices.KzCompetentBody,
    };

    private Evidence Outbound(params StatusReport[] reports)
    {
        var receipt = new Receipt
        {
            MessageId = "reported-1",
            Status = ReceiptStatus.Stored,
            StoredAt = Timestamp.FromDateTimeOffset(_now),
            EnvelopeDigest = ByteString.CopyFrom(SHA256.HashData(_envelope)),
        };
        receipt.Signature = ByteString.CopyFrom(NodeSignatures.Sign(_tm, SignedBytes.Receipt(receipt)));
        var at = _now.ToUnixTimeMilliseconds();
        AuditEntry[] audit = [new(1, at, "stage:Relayed", "reported-1", "node", "", AuditHash.Genesis, AuditHash.Compute(AuditHash.Genesis, 1, at, "stage:Relayed", "reported-1", "node", ""))];
        return EvidenceVerifier.Build(new StoredEvidence("reported-1", Direction.Outbound, _envelope, null, null, null, receipt, audit, null, reports), Party.Kz, _tm, _tm);
    }

    public void Dispose()
    {
        _tm.Dispose();
        _tmCa.Dispose();
    }
}
