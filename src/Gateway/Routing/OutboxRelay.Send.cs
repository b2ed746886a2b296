using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Storage;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>One call to the peer: a run of notices (signed, receipts checked and recorded) or of status reports.</summary>
internal sealed partial class OutboxRelay
{
    private async ValueTask SendAsync(List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        var from = gatewayOptions.Value.LocalParty;
        if (run[0].Type == OutboxEntryType.Notice)
        {
            var request = new RelayRequest { FromParty = from, SentAt = Times.ToTimestamp(time.GetUtcNow()) };
            request.Notices.AddRange(run.Select(e => new RelayedNotice
            {
                Sequence = e.Sequence,
                Envelope = ByteString.CopyFrom(e.EnvelopeBytes),
                AcceptedAt = Times.ToTimestamp(e.At),
                Signature = ByteString.CopyFrom(keys.SignNotice(e.Sequence, e.At, e.EnvelopeBytes!)),
            }));
            var response = await peer.Client.RelayAsync(request, cancellationToken: cancellationToken);
            if (response.Receipts.Count != run.Count)
            {
                throw new InvalidOperationException($"The peer answered {response.Receipts.Count} receipts for {run.Count} notices.");
            }

            // Keep only receipts that are the peer's own and match what we sent; the first one that is not stops the run.
            var receipts = new List<ReceiptForEntry>(run.Count);
            for (var i = 0; i < run.Count; i++)
            {
                if (ReceiptProblem(run[i], response.Receipts[i]) is { } problem)
                {
                    using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
                    await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
                    await store.RecordAlarmAsync(run[i].Key, $"ALARM: receipt rejected: {problem}", time.GetUtcNow(), wait.Token);
                    LogReceiptRejected(logger, run[i].MessageId, problem);
                    throw new ReceiptRejectedException(run[i].MessageId);
                }

                receipts.Add(new ReceiptForEntry(run[i].Sequence, run[i].Key, response.Receipts[i]));
            }

            using (var wait = StoreWait(relayOptions.Value, CancellationToken.None))
            {
                await store.RecordReceiptsAsync(receipts, time.GetUtcNow(), wait.Token);
            }

            LogRelayed(logger, run.Count, run[^1].Sequence);
        }
        else
        {
            var request = new RelayStatusRequest { FromParty = from, SentAt = Times.ToTimestamp(time.GetUtcNow()) };
            request.Reports.AddRange(run.Select(e => keys.SignStatus(new StatusReport
            {
                Sequence = e.Sequence,
                MessageId = e.MessageId,
                Stage = e.StatusStage,
                At = Times.ToTimestamp(e.At),
                ByBody = e.ByBody ?? "",
                SenderBody = e.SenderBody,
            })));
            await peer.Client.RelayStatusAsync(request, cancellationToken: cancellationToken);
            using var wait = StoreWait(relayOptions.Value, CancellationToken.None);
            await store.CompleteOutboxAsync([.. run.Select(e => e.Sequence)], wait.Token);
        }
    }

    private string? ReceiptProblem(OutboxEntry entry, Receipt receipt)
    {
        if (!keys.PeerSignedReceipt(receipt))
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
