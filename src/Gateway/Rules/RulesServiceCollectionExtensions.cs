using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Registers the rules module: every rule in one place.</summary>
public static class RulesServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayRules(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RulesOptions>().BindConfiguration(RulesOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton(sp => new HostTimeZones(sp.GetRequiredService<IOptions<RulesOptions>>().Value));

        // The registry: add each rule here (docs/rules.md lists them).
        services.AddSingleton<INoticeRule, VisitRequestLeadTimeRule>();

        services.AddSingleton<RuleEvaluator>();
        return services;
    }
}
