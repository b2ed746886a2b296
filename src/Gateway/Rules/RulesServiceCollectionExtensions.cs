using ClassifiedGateway.Gateway.Rules.Agreement;
using ClassifiedGateway.Gateway.Rules.Answers;
using ClassifiedGateway.Gateway.Rules.Handling;
using ClassifiedGateway.Gateway.Rules.Joint;
using ClassifiedGateway.Gateway.Rules.Obligations;
using ClassifiedGateway.Gateway.Rules.Transfers;
using ClassifiedGateway.Gateway.Rules.Visits;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Registers the rules module: every rule in one place (docs/rules.md lists them; a test keeps the two in step).</summary>
public static class RulesServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayRules(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RulesOptions>().BindConfiguration(RulesOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<PolicyOptions>().BindConfiguration(PolicyOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton(sp => new HostTimeZones(sp.GetRequiredService<IOptions<RulesOptions>>().Value));

        // Art. 15 and Art. 3: the agreement's state and who may speak.
        services.AddSingleton<INoticeRule, AgreementNotInForceRule>();
        services.AddSingleton<INoticeRule, AgreementTerminatedRule>();
        services.AddSingleton<INoticeRule, TerminationAlreadyPendingRule>();
        services.AddSingleton<INoticeRule, CompetentBodiesOnlyRule>();
        services.AddSingleton<INoticeRule, CompetentBodyChangeFromCurrentRule>();

        // Art. 5 and 7: transfers.
        services.AddSingleton<INoticeRule, TransferNeedsClearanceRule>();
        services.AddSingleton<INoticeRule, TransferNeedsArrangementRule>();
        services.AddSingleton<INoticeRule, TransferWithinContractRule>();
        services.AddSingleton<INoticeRule, DerivedNotBelowSourceRule>();
        services.AddSingleton<INoticeRule, ReceiptForAddressedTransferRule>();
        services.AddSingleton<INoticeRule, CarriersOfTheTransferRule>();

        // Art. 4 and 6: handling.
        services.AddSingleton<INoticeRule, ClassificationChangeByOriginatorRule>();
        services.AddSingleton<INoticeRule, CopyNeedsPermissionRule>();
        services.AddSingleton<INoticeRule, DestructionNeedsAgreementRule>();
        services.AddSingleton<INoticeRule, ThirdPartyNeedsConsentRule>();

        // Art. 6.3: jointly created information.
        services.AddSingleton<INoticeRule, JointInformationDeclaredOnceRule>();
        services.AddSingleton<INoticeRule, JointConfirmationMatchesDeclarationRule>();
        services.AddSingleton<INoticeRule, JointInformationRecordedRule>();
        services.AddSingleton<INoticeRule, JointChangeNeedsAgreementRule>();

        // Art. 4.1.5, 6.4, 6.5: the originator's word only — requests go to it, and only it answers.
        services.AddSingleton<INoticeRule, CopyRequestToOriginatorRule>();
        services.AddSingleton<INoticeRule, DestructionRequestToOriginatorRule>();
        services.AddSingleton<INoticeRule, ThirdPartyRequestToOriginatorRule>();

        // Art. 9: visits.
        services.AddSingleton<INoticeRule, VisitRequestLeadTimeRule>();
        services.AddSingleton<INoticeRule, VisitorClearanceCoversTopicsRule>();

        // Answers: each fault its own code, in the order a reader checks them, then what binds an answer to its request.
        services.AddSingleton<INoticeRule, AnswerToUnknownRequestRule>();
        services.AddSingleton<INoticeRule, AnswerToWrongKindRule>();
        services.AddSingleton<INoticeRule, AnswerNotByAddresseeRule>();
        services.AddSingleton<INoticeRule, AnswerAlreadyGivenRule>();
        services.AddSingleton<INoticeRule, ClearanceConfirmationForAskedBodyRule>();
        services.AddSingleton<INoticeRule, ArrangementAgreementForProposalRule>();
        services.AddSingleton<INoticeRule, CopyPermissionWithinRequestRule>();
        services.AddSingleton<INoticeRule, CopyPermissionFromOriginatorRule>();
        services.AddSingleton<INoticeRule, DestructionAgreementFromOriginatorRule>();
        services.AddSingleton<INoticeRule, ThirdPartyConsentFromOriginatorRule>();
        services.AddSingleton<INoticeRule, InvestigationResultToTransferringPartyRule>();

        // Late, but wanted anyway: flag, never refuse.
        services.AddSingleton<INoticeRule, ReceiptAlreadyConfirmedRule>();
        services.AddSingleton<INoticeRule, BreachNotificationLateRule>();
        services.AddSingleton<INoticeRule, CompetentBodyChangeLateRule>();
        services.AddSingleton<INoticeRule, ClassificationChangeLateRule>();

        // Obligations opened by notices, flagged overdue by the scheduler.
        services.AddSingleton<IObligationRule, ReceiptDueRule>();
        services.AddSingleton<IObligationRule, ClearanceConfirmationDueRule>();
        services.AddSingleton<IObligationRule, VisitDecisionDueRule>();
        services.AddSingleton<IObligationRule, InvestigationResultDueRule>();

        services.AddSingleton<RuleEngine>();
        return services;
    }

    /// <summary>The rule engine with default settings, outside a node (the catalogue command and tests).</summary>
    public static RuleEngine BuildEngine()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddGatewayRules();
        return services.BuildServiceProvider().GetRequiredService<RuleEngine>();
    }
}
