using ClassifiedGateway.Gateway.Hosting.Wire;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Security;
using Serilog;
using Serilog.Formatting.Compact;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Builds and runs one gateway node.</summary>
public static class GatewayNode
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Party", builder.Configuration["Gateway:Party"] ?? "?");
            if (builder.Environment.IsProduction())
            {
                log.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3} {Party}] {Message:lj}{NewLine}{Exception}");
            }
        });

        var endpoints = builder.Configuration.GetSection(EndpointOptions.SectionName).Get<EndpointOptions>() ?? new EndpointOptions();
        var limits = builder.Configuration.GetSection(LimitsOptions.SectionName).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel => EndpointSetup.ConfigureListeners(kestrel, endpoints, limits));
        builder.Services.AddGatewayNode(builder.Environment);

        var app = builder.Build();
        app.UseRateLimiter();
        app.UseGatewayAuthorization();
        app.UseGrpcFraming();
        EndpointSetup.MapGatewayEndpoints(app);
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }
}
