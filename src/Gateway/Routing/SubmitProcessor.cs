using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Validation;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Submit: validate → dedup → rules → persist (message, outbox, history in one commit) → answer.</summary>
internal sealed partial class SubmitProcessor(
    IGatewayStore store, RuleEngine rules, CallGuard guard, BodyRegistry bodies, TimeProvider time, IOptions<GatewayOptions> options, ILogger<SubmitProcessor> logger)
{
    public async Task<SubmitOutcome> SubmitAsync(Envelope? envelope, CallerIdentity caller, CancellationToken cancellationToken)
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

        // Every log entry about this message from here on carries its id and correlation id.
        using var ids = Serilog.Context.LogContext.PushProperty("MessageId", valid.Id);
        using var correlation = Serilog.Context.LogContext.PushProperty("CorrelationId", valid.CorrelationId);
        var outcome = await store.SubmitAsync(command, cancellationToken);
        if (outcome.Refusal is { } refused)
        {
            LogRefused(logger, outcome.MessageId, kind.Name, refused.RuleId);
            throw Refusals.ToException(refused);
        }

        LogAccepted(logger, outcome.MessageId, kind.Name, valid.CorrelationId, outcome.Duplicate);
        return outcome;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Accepted {MessageId} ({Kind}), correlation {CorrelationId}, duplicate {Duplicate}")]
    private static partial void LogAccepted(ILogger logger, string messageId, string kind, string correlationId, bool duplicate);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Refused {MessageId} ({Kind}) by rule {RuleId}")]
    private static partial void LogRefused(ILogger logger, string messageId, string kind, string ruleId);
}
