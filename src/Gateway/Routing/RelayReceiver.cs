using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Monitoring;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Validation;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>The receiving side of the relay: checks every notice again (the other node is not trusted), stores in order, answers receipts.</summary>
internal sealed partial class RelayReceiver(
    IGatewayStore store, RuleEngine rules, NodeKeys keys, BodyRegistry bodies, TimeProvider time, IOptions<GatewayOptions> options,
    PeerClockWatch peerClock, ILogger<RelayReceiver> logger)
{
    public const int MaxBatch = 5_000;

    /// <summary>A unary Relay call: receipts signed one by one (the caller may be an older node that knows no batch proofs).</summary>
    public async Task<IReadOnlyList<Receipt>> ReceiveAsync(RelayRequest request, CancellationToken cancellationToken) =>
        (await StoreAsync([Prepare(request)], batchSigned: false, cancellationToken))[0];

    /// <summary>A batch checked and parsed (signatures verified), ready to be stored in its turn.</summary>
    public PreparedBatch Prepare(RelayRequest request)
    {
        var gateway = options.Value;
        if (request.FromParty != gateway.PeerParty)
        {
            throw new PermissionDeniedException("NOT_THE_PEER", $"This node relays only for {PartyCodes.Code(gateway.PeerParty)}.");
        }

        if (request.Notices.Count > MaxBatch)
        {
            throw new InvalidRequestException([new FieldViolation("notices", $"at most {MaxBatch} per call")]);
        }

        var now = time.GetUtcNow();
        var seen = new BatchCheck();
        return new PreparedBatch(request, [.. request.Notices.Select(n => Prepare(n, now, gateway, seen))]);
    }

    /// <summary>Stores consecutive batches in one store write (one commit), in order, and answers each batch's receipts, signed
    /// one by one or (<paramref name="batchSigned"/>, the relay stream) once per batch over their Merkle root.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<Receipt>>> StoreAsync(IReadOnlyList<PreparedBatch> batches, bool batchSigned, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var commands = batches.SelectMany(b => b.Commands).ToList();
        var receipts = await store.StoreRelayedAsync(commands, now, cancellationToken);
        foreach (var (receipt, command) in receipts.Zip(commands).Where(r => r.First.Status == ReceiptStatus.Refused))
        {
            LogRefused(logger, receipt.MessageId, receipt.Refusal?.RuleId ?? "");
            if (command.Rejection is not null)
            {
                // Not stored, so the audit trail is where the attempt is kept.
                await store.AppendAuditAsync("relay-rejected", receipt.MessageId, "peer", $"{receipt.Refusal?.RuleId}: {receipt.Refusal?.Message}", now, cancellationToken);
            }
        }

        // Skew between the nodes is reported (alarm, audit, metric), never a reason to refuse.
        foreach (var batch in batches)
        {
            await peerClock.ObserveAsync(batch.Request.SentAt, batch.Request.Notices.Select(n => n.AcceptedAt),
                receipts.FirstOrDefault(r => r.Status == ReceiptStatus.Stored)?.MessageId, cancellationToken);
        }

        LogReceived(logger, receipts.Count);
        var answers = new List<IReadOnlyList<Receipt>>(batches.Count);
        var offset = 0;
        foreach (var batch in batches)
        {
            var own = receipts.Skip(offset).Take(batch.Commands.Count).ToList();
            answers.Add(batchSigned ? keys.SignReceiptBatch(own) : [.. own.Select(keys.SignReceipt)]);
            offset += batch.Commands.Count;
        }

        return answers;
    }

    private RelayedCommand Prepare(RelayedNotice notice, DateTimeOffset now, GatewayOptions gateway, BatchCheck seen)
    {
        Envelope? envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(notice.Envelope);
        }
        catch (InvalidProtocolBufferException)
        {
            envelope = null;
        }

        Refusal? rejection = keys.PeerSignedNotice(notice, seen)
            ? null
            : new Refusal { RuleId = "SIGNATURE_INVALID", Message = "The notice is unsigned, or its signature does not match its content; nothing was stored.", Fields = { "signature" } };

        // accepted_at is in the sending node's clock. created_at is judged against it, as the sender judged it at Submit,
        // so skew between the nodes never refuses the other Party's notice. The time rules judge by when the sender accepted
        // it (a link outage does not count against the sender) but never later than our own clock (README: clocks).
        var acceptedAt = WireTimes.TryToDateTimeOffset(notice.AcceptedAt, out var sent) ? sent : now;
        var decisionTime = acceptedAt > now ? now : acceptedAt;
        var kind = envelope is not null && NoticeKinds.TryOf(envelope.NoticeCase, out var k) ? k.Name : "Unknown";
        return new RelayedCommand(notice.Sequence, notice.Envelope.ToByteArray(), envelope, kind, acceptedAt, ledger =>
        {
            var violations = EnvelopeValidator.Validate(envelope, gateway.PeerParty, acceptedAt, gateway.MaxClockSkew);
            if (violations.Count == 0)
            {
                // The other node is not trusted to keep bodies to their Parties either.
                violations = bodies.Check(envelope!, ledger);
            }

            return violations.Count > 0
                ? new Admission(Refusals.From(violations), [], [])
                : rules.Decide(envelope!, decisionTime, RulePhase.Relay, gateway.LocalParty, ledger);
        }, rejection, notice.Signature.ToByteArray(), notice.BatchProof?.ToByteArray());
    }

    /// <summary>One relayed batch, checked, parsed and its signatures verified.</summary>
    public sealed record PreparedBatch(RelayRequest Request, IReadOnlyList<RelayedCommand> Commands);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Stored a relayed batch of {Count} notices")]
    private static partial void LogReceived(ILogger logger, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Refused relayed notice {MessageId} by rule {RuleId}")]
    private static partial void LogRefused(ILogger logger, string messageId, string ruleId);
}
