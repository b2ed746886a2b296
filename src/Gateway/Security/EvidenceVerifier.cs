using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Builds a message's evidence file and checks one offline against the other node's certificate the verifier trusts.</summary>
public static class EvidenceVerifier
{
    public static Evidence Build(Storage.StoredEvidence stored, Party exportingParty, X509Certificate2 node, X509Certificate2 peer)
    {
        var evidence = new Evidence
        {
            MessageId = stored.MessageId,
            Direction = stored.Direction,
            ExportingParty = exportingParty,
            Envelope = ByteString.CopyFrom(stored.Envelope),
            RelaySequence = stored.RelaySequence ?? 0,
            SenderAcceptedAtUnixMs = stored.SenderAcceptedAt?.ToUnixTimeMilliseconds() ?? 0,
            NoticeSignature = ByteString.CopyFrom(stored.NoticeSignature ?? []),
            NodeCertificatePem = node.ExportCertificatePem(),
            PeerCertificatePem = peer.ExportCertificatePem(),
        };
        if (stored.Receipt is not null)
        {
            evidence.Receipt = stored.Receipt;
        }

        if (stored.NoticeProof is not null)
        {
            evidence.NoticeProof = stored.NoticeProof;
        }

        evidence.StatusReports.AddRange(stored.StatusReports ?? []);

        evidence.Audit.AddRange(stored.Audit.Select(a => new AuditRecord
        {
            Sequence = a.Sequence, AtUnixMs = a.AtMs, Kind = a.Kind, MessageId = a.MessageId, Actor = a.Actor, Detail = a.Detail,
            PreviousHash = ByteString.CopyFrom(a.PreviousHash), Hash = ByteString.CopyFrom(a.Hash),
        }));
        return evidence;
    }

    /// <summary>Each check and whether it held. <paramref name="trustedPeer"/> is the verifier's own copy of the other node's certificate.</summary>
    public static IReadOnlyList<(string Check, bool Holds)> Verify(Evidence evidence, X509Certificate2 trustedPeer)
    {
        var checks = new List<(string, bool)>();
        var envelope = Envelope.Parser.ParseFrom(evidence.Envelope);
        checks.Add(($"the envelope is message {evidence.MessageId}", envelope.Id == evidence.MessageId));
        checks.Add(("the other node's certificate in the file is the trusted one", X509Certificate2.CreateFromPem(evidence.PeerCertificatePem).Thumbprint == trustedPeer.Thumbprint));
        if (evidence.Direction == Direction.Inbound)
        {
            // Signed alone (older evidence, unary relay), or in its batch: the proof leads from this notice to the signed root.
            var signed = SignedBytes.Notice(evidence.RelaySequence, evidence.SenderAcceptedAtUnixMs, evidence.Envelope.Span);
            checks.Add(evidence.NoticeProof is { } proof
                ? ($"the sending node signed the batch of {proof.LeafCount} that holds this notice", BatchProofs.Verify(trustedPeer, BatchProofs.Notices, signed, proof))
                : ("the sending node signed this notice", NodeSignatures.Verify(trustedPeer, signed, evidence.NoticeSignature.Span)));
        }
        else if (evidence.Receipt is { } receipt)
        {
            checks.Add(receipt.BatchProof is { } proof
                ? ($"the receiving node signed the batch of {proof.LeafCount} receipts that holds this one", BatchProofs.Verify(trustedPeer, BatchProofs.Receipts, SignedBytes.Receipt(receipt), proof))
                : ("the receiving node signed its receipt", NodeSignatures.Verify(trustedPeer, SignedBytes.Receipt(receipt), receipt.Signature.Span)));
            checks.Add(("the receipt is for this notice's exact bytes",
                receipt.MessageId == evidence.MessageId && (receipt.Status != ReceiptStatus.Stored || receipt.EnvelopeDigest.Span.SequenceEqual(SHA256.HashData(evidence.Envelope.Span)))));
        }

        foreach (var report in evidence.StatusReports)
        {
            checks.AddRange(ReportChecks(report, envelope, trustedPeer));
        }

        var entries = evidence.Audit.Select(a => new AuditEntry(a.Sequence, a.AtUnixMs, a.Kind, a.MessageId, a.Actor, a.Detail, a.PreviousHash.ToByteArray(), a.Hash.ToByteArray())).ToList();
        checks.Add(($"all {entries.Count} audit entries are intact", entries.Count > 0 && entries.All(AuditHash.IsIntact) && entries.All(e => e.MessageId == evidence.MessageId || e.MessageId == Domain.MessageKeys.Of(envelope))));
        checks.Add(("the audit entries are in chain order", entries.Zip(entries.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence)));
        return checks;
    }

    /// <summary>A DELIVERED or ACKNOWLEDGED report the receiving node sent about this notice: signed alone or in its batch.</summary>
    private static IEnumerable<(string Check, bool Holds)> ReportChecks(StatusReport report, Envelope envelope, X509Certificate2 trustedPeer)
    {
        var stage = report.Stage.ToString().ToUpperInvariant();
        var signed = SignedBytes.Status(report);
        yield return report.BatchProof is { } proof
            ? ($"the receiving node signed the batch of {proof.LeafCount} status reports that holds its {stage} report", BatchProofs.Verify(trustedPeer, BatchProofs.Statuses, signed, proof))
            : ($"the receiving node signed its {stage} report", NodeSignatures.Verify(trustedPeer, signed, report.Signature.Span));
        yield return ($"the {stage} report is about this notice",
            report.Stage is Stage.Delivered or Stage.Acknowledged && report.MessageId == envelope.Id && report.SenderBody == envelope.SenderBody);
    }
}
