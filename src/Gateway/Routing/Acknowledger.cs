using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Acknowledge, one or many: a body acknowledges only received notices addressed to it (or, the competent body's system,
/// to its Party); the id resolves among those the caller may see, so a notice it may not see answers like an unknown one.</summary>
internal sealed class Acknowledger(IGatewayStore store, CallGuard guard, TimeProvider time)
{
    /// <summary>Most items of one AcknowledgeBatch call.</summary>
    public const int MaxBatch = 1000;

    /// <summary>Items of a batch worked on at once: their writes meet in the same group commits.</summary>
    private const int Parallelism = 64;

    private const string ReceivedNotice = "received notice";

    /// <summary>One acknowledgement; refusals throw (the one error mapper answers them).</summary>
    public async Task<AcknowledgeResponse> AcknowledgeAsync(AcknowledgeRequest request, CallerIdentity caller, string via, CancellationToken cancellationToken)
    {
        if (caller.Role == CallerRole.AuthorizedBody && request.AcknowledgingBody.Length > 0 && request.AcknowledgingBody != caller.Body)
        {
            await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{caller.Body}' cannot acknowledge as '{SafeText.Bounded(request.AcknowledgingBody)}'", request.MessageId, cancellationToken);
        }

        var body = caller.Role == CallerRole.AuthorizedBody ? caller.Body : request.AcknowledgingBody;
        var reference = new MessageRef(request.MessageId, request.SenderParty, request.SenderBody);
        var received = (await store.FindMessagesAsync(reference, cancellationToken)).Where(m => m.Record.Direction == Direction.Inbound).ToList();
        var visible = received.Where(m => AuthorizationMatrix.MayAccess(caller, m.Record.Envelope)).ToList();
        if (received.Count > 0 && visible.Count == 0)
        {
            await guard.DenyAsNotFoundAsync(caller, "NOT_A_PARTY_TO_IT", ReceivedNotice, request.MessageId, via, cancellationToken);
        }

        if (body.Length > 0 && visible.Count > 0 && visible.All(m => m.Record.Envelope.ReceiverBody != body))
        {
            await guard.DenyAsync(caller, "NOT_ADDRESSEE", $"'{SafeText.Bounded(body)}' is not the addressee of notice '{request.MessageId}'", request.MessageId, cancellationToken);
        }

        var found = Services.MessageLookup.Single(body.Length > 0 ? [.. visible.Where(m => m.Record.Envelope.ReceiverBody == body)] : visible, ReceivedNotice, request.MessageId);
        var outcome = await store.AcknowledgeAsync(found.Key, body, time.GetUtcNow(), caller.ToString(), cancellationToken);
        return new AcknowledgeResponse
        {
            MessageId = found.Record.Envelope.Id,
            Stage = outcome.Stage,
            AcknowledgedAt = Times.ToTimestamp(outcome.AcknowledgedAt),
        };
    }

    /// <summary>Many acknowledgements, one outcome each in the request's order; one item's refusal never fails the others.</summary>
    public async Task<AcknowledgeBatchResponse> AcknowledgeBatchAsync(AcknowledgeBatchRequest request, CallerIdentity caller, string via, CancellationToken cancellationToken)
    {
        var outcomes = new AcknowledgeItemOutcome[request.Items.Count];
        for (var start = 0; start < outcomes.Length; start += Parallelism)
        {
            var chunk = Enumerable.Range(start, Math.Min(Parallelism, outcomes.Length - start));
            await Task.WhenAll(chunk.Select(async i => outcomes[i] = await OneAsync(i, request.Items[i], caller, via, cancellationToken)));
        }

        return new AcknowledgeBatchResponse { Outcomes = { outcomes } };
    }

    private async Task<AcknowledgeItemOutcome> OneAsync(int index, AcknowledgeRequest item, CallerIdentity caller, string via, CancellationToken cancellationToken)
    {
        var outcome = new AcknowledgeItemOutcome { MessageId = SafeText.Bounded(item.MessageId, EnvelopeValidator.MaxIdLength) };
        try
        {
            // The checks the request marshaller applies to a unary Acknowledge, naming the item's fields.
            var v = new Violations();
            EnvelopeValidator.ValidateId(v, $"items[{index}].message_id", item.MessageId);
            v.OptionalBodyId($"items[{index}].acknowledging_body", item.AcknowledgingBody);
            if (v.Items.Count > 0)
            {
                throw new InvalidRequestException(v.Items);
            }

            outcome.Acknowledged = await AcknowledgeAsync(item, caller, via, cancellationToken);
        }
        catch (GatewayException refused)
        {
            outcome.Failed = StatusMapper.ToStatus(refused);
        }

        return outcome;
    }
}
