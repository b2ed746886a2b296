using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Registers mutual TLS identities, deny-by-default authorization, signatures, the audit trail and the limits.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();
        services.AddOptionsWithValidateOnStart<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, "Gateway:Audit:CheckpointInterval must be positive.")
            .Validate(o => o.VerifyInterval >= TimeSpan.FromSeconds(1), "Gateway:Audit:VerifyInterval must be at least 1 second.");
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<CertificateValidator>();
        services.AddSingleton<NodeKeys>();
        services.AddOptionsWithValidateOnStart<BodiesOptions>().BindConfiguration(BodiesOptions.SectionName);
        services.AddSingleton<IValidateOptions<BodiesOptions>, BodiesOptionsValidator>();
        services.AddSingleton<BodyRegistry>();
        services.AddSingleton(Time.RealClock.Instance);
        services.AddSingleton<Listeners>();
        services.AddSingleton<CallGuard>();
        services.AddSingleton<ConsoleCsrf>();
        services.AddSingleton<ContentReads>();
        services.AddSingleton<EvidenceExporter>();
        services.AddSingleton<StreamItemLimiter>();
        services.AddHostedService<AuditCheckpointer>();
        services.AddSingleton<AuditWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWatch>());
        services.AddHostedService<CertificateMonitor>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                var identity = http.Connection.ClientCertificate?.Thumbprint ?? "no-certificate";
                return RateLimitPartition.GetTokenBucketLimiter(identity, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.BurstPerIdentity,
                    TokensPerPeriod = limits.CallsPerSecondPerIdentity,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }
}

/// <summary>Every certificate file must exist and hold what it claims, or the node does not start.</summary>
internal sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var missing = new[]
        {
            ("NodeCertificate", options.NodeCertificate), ("NodeKey", options.NodeKey), ("PartyCa", options.PartyCa),
            ("PeerCa", options.PeerCa), ("PeerNodeCertificate", options.PeerNodeCertificate),
        }.Where(f => string.IsNullOrEmpty(f.Item2) || !File.Exists(f.Item2)).Select(f => $"Gateway:Tls:{f.Item1}").ToList();
        return missing.Count > 0
            ? ValidateOptionsResult.Fail($"Mutual TLS is required and these certificate files are missing: {string.Join(", ", missing)}. " +
                "Create a development PKI with 'ClassifiedGateway pki --out DIR' or supply your own (README: Certificates).")
            : ValidateOptionsResult.Success;
    }
}
