using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing.Overload;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Validation;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Submit: validate → admission → dedup → rules → persist (message, outbox, history in one commit) → answer.</summary>
internal sealed partial class SubmitProcessor(
    IGatewayStore store, RuleEngine rules, CallGuard guard, BodyRegistry bodies, AdmissionGate admission, RelayBacklogGate backlog, TimeProvider time,
    IOptions<GatewayOptions> options, ILogger<SubmitProcessor> logger)
{
    /// <summary>A unary Submit: refused with RELAY_BACKLOG_FULL while the relay backlog is paced (a stream waits instead).</summary>
    public async Task<SubmitOutcome> SubmitAsync(Envelope? envelope, CallerIdentity caller, CancellationToken cancellationToken) =>
        await await StartAsync(envelope, caller, cancellationToken, unary: true);

    /// <summary>Checks the submit (authorization, validation, bodies, admission) and queues its write; the returned task completes
    /// once the write is durable (accepted or duplicate) or throws the refusal.</summary>
    /// <remarks>When the inner task is returned the write is already queued, so a caller that starts submits one after another
    /// has them committed, and the rules judge them, in that order (a stream's items keep the stream's order).</remarks>
    public async Task<Task<SubmitOutcome>> StartAsync(Envelope? envelope, CallerIdentity caller, CancellationToken cancellationToken, bool unary = false)
    {
        var now = time.GetUtcNow();
        var gateway = options.Value;

        // Who may speak for whom comes first: a certificate never learns more than "not yours" about another sender.
        if (envelope is not null && PartyCodes.IsKnown(envelope.SenderParty) && AuthorizationMatrix.MaySend(caller, envelope) is { } denied)
        {
            await guard.DenyAsync(caller, "SENDER_NOT_CALLER", denied.Message, envelope.Id, denied.Article, cancellationToken);
        }

        EnvelopeValidator.EnsureValid(envelope, gateway.LocalParty, now, gateway.MaxClockSkew);
        var valid = envelope!;
        await bodies.EnsureAsync(valid, cancellationToken);
        var kind = NoticeKinds.Of(valid);
        var command = new SubmitCommand(valid, valid.ToByteArray(), kind.Name, now,
            ledger => rules.Decide(valid, now, RulePhase.Submit, gateway.LocalParty, ledger), caller.ToString());

        if (unary)
        {
            backlog.EnsureAdmitted();
        }

        var ticket = admission.Enter();
        Task<SubmitOutcome> write;
        try
        {
            write = store.SubmitAsync(command, cancellationToken);
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        return CompleteAsync(write, ticket, valid, kind.Name);
    }

    private async Task<SubmitOutcome> CompleteAsync(Task<SubmitOutcome> write, AdmissionGate.Ticket ticket, Envelope valid, string kind)
    {
        SubmitOutcome outcome;
        using (ticket)
        {
            outcome = await write;
        }

        if (outcome.Refusal is { } refused)
        {
            using (MessageIds(valid))
            {
                LogRefused(logger, outcome.MessageId, kind, refused.RuleId);
            }

            throw Refusals.ToException(refused);
        }

        // An accepted notice is in the audit chain and the console; its log line is Debug (one per notice costs ~2 % CPU).
        if (logger.IsEnabled(LogLevel.Debug))
        {
            using (MessageIds(valid))
            {
                LogAccepted(logger, outcome.MessageId, kind, valid.CorrelationId, outcome.Duplicate);
            }
        }

        return outcome;
    }

    /// <summary>The log entry about a message carries its id and correlation id as properties.</summary>
    private static IDisposable MessageIds(Envelope e) => Serilog.Context.LogContext.Push(
        new Serilog.Core.Enrichers.PropertyEnricher("MessageId", e.Id), new Serilog.Core.Enrichers.PropertyEnricher("CorrelationId", e.CorrelationId));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Accepted {MessageId} ({Kind}), correlation {CorrelationId}, duplicate {Duplicate}")]
    private static partial void LogAccepted(ILogger logger, string messageId, string kind, string correlationId, bool duplicate);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Refused {MessageId} ({Kind}) by rule {RuleId}")]
    private static partial void LogRefused(ILogger logger, string messageId, string kind, string ruleId);
}
