using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>One run of the outbox as a request (notices signed, or status reports), and the peer's answer checked and recorded.</summary>
internal sealed partial class OutboxRelay
{
    /// <summary>One unary call: the fallback for a peer without the relay stream, and how a suspected entry is sent alone.</summary>
    private async ValueTask SendAsync(List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        if (run[0].Type == OutboxEntryType.Notice)
        {
            var response = await peer.Client.RelayAsync(NoticesRequest(run), cancellationToken: cancellationToken);
            await RecordReceiptsAsync(run, response.Receipts);
        }
        else
        {
            await peer.Client.RelayStatusAsync(ReportsRequest(run), cancellationToken: cancellationToken);
            await CompleteReportsAsync(run);
        }
    }

    /// <summary>The run's notices, each signed alone (a unary call: an older peer may not know batch proofs) or, on the relay
    /// stream, all under one signature over their Merkle root with a proof each.</summary>
    private RelayRequest NoticesRequest(List<OutboxEntry> run, bool batchSigned = false)
    {
        var request = new RelayRequest { FromParty = gatewayOptions.Value.LocalParty, SentAt = Times.ToTimestamp(time.GetUtcNow()) };
        var signed = run.Select(e => SignedBytes.Notice(e.Sequence, Times.ToUnixMs(e.At), e.EnvelopeBytes!)).ToList();
        var proofs = batchSigned ? keys.SignBatch(BatchProofs.Notices, signed) : null;
        request.Notices.AddRange(run.Select((e, i) => new RelayedNotice
        {
            Sequence = e.Sequence,
            Envelope = ByteString.CopyFrom(e.EnvelopeBytes),
            AcceptedAt = Times.ToTimestamp(e.At),
            Signature = proofs is null ? ByteString.CopyFrom(keys.Sign(signed[i])) : ByteString.Empty,
            BatchProof = proofs?[i],
        }));
        return request;
    }

    /// <summary>The run's status reports, each signed alone (a unary call: an older peer may not know batch proofs) or, on the
    /// relay stream, all under one signature over their Merkle root with a proof each.</summary>
    private RelayStatusRequest ReportsRequest(List<OutboxEntry> run, bool batchSigned = false)
    {
        var request = new RelayStatusRequest { FromParty = gatewayOptions.Value.LocalParty, SentAt = Times.ToTimestamp(time.GetUtcNow()) };
        List<StatusReport> reports = [.. run.Select(e => new StatusReport
        {
            Sequence = e.Sequence,
            MessageId = e.MessageId,
            Stage = e.StatusStage,
            At = Times.ToTimestamp(e.At),
            ByBody = e.ByBody ?? "",
            SenderBody = e.SenderBody,
        })];
        request.Reports.AddRange(batchSigned ? keys.SignStatusBatch(reports) : reports.Select(keys.SignStatus));
        return request;
    }

    /// <summary>Keeps only receipts that are the peer's own and match what was sent; the first one that is not stops the run.</summary>
    private async Task RecordReceiptsAsync(List<OutboxEntry> run, Google.Protobuf.Collections.RepeatedField<Receipt> answered)
    {
        if (answered.Count != run.Count)
        {
            throw new InvalidOperationException($"The peer answered {answered.Count} receipts for {run.Count} notices.");
        }

        var receipts = new List<ReceiptForEntry>(run.Count);
        var seen = new BatchCheck();
        for (var i = 0; i < run.Count; i++)
        {
            if (ReceiptProblem(run[i], answered[i], seen) is { } problem)
            {
                using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
                await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
                await store.RecordAlarmAsync(run[i].Key, $"ALARM: receipt rejected: {problem}", time.GetUtcNow(), wait.Token);
                LogReceiptRejected(logger, run[i].MessageId, problem);
                throw new ReceiptRejectedException(run[i].MessageId);
            }

            receipts.Add(new ReceiptForEntry(run[i].Sequence, run[i].Key, answered[i]));
        }

        using (var wait = StoreWait(relayOptions.Value, CancellationToken.None))
        {
            await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
        }

        LogRelayed(logger, run.Count, run[^1].Sequence);
    }

    private async Task CompleteReportsAsync(List<OutboxEntry> run)
    {
        using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
        await store.CompleteOutboxAsync([.. run.Select(e => e.Sequence)], wait.Token);
    }

    private string? ReceiptProblem(OutboxEntry entry, Receipt receipt, BatchCheck seen)
    {
        if (!keys.PeerSignedReceipt(receipt, seen))
        {
            return "its signature is not the peer node's";
        }

        if (receipt.MessageId != entry.MessageId)
        {
            return $"it is for '{receipt.MessageId}'";
        }

        return receipt.Status == ReceiptStatus.Stored && !receipt.EnvelopeDigest.Span.SequenceEqual(Digests.Sha256(entry.EnvelopeBytes))
            ? "its digest does not match the notice sent"
            : null;
    }
}
