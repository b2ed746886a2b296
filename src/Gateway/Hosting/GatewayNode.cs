using ClassifiedGateway.Gateway.Cli;
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
                // A failed start is reported once, as one sentence, by the command line (CliRunner); not as a logged stack trace.
                .Filter.ByExcluding(StartupFailureLog.IsStartupFailure)
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

    /// <summary>Runs the node until it is stopped; a failure to build or start comes out as <see cref="NodeStartException"/>
    /// carrying the configuration, so the command line can name the key at fault.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception e)
        {
            throw new NodeStartException(e, null);
        }

        // A copy: RunAsync disposes the host, and its configuration with it, before a start-up failure reaches us.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(app.Configuration.AsEnumerable()).Build();
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception e)
            {
                // Stop what did start (background services see their stopping token) before the container is disposed under them.
                try
                {
                    await app.StopAsync(CancellationToken.None);
                }
                catch (Exception stopping)
                {
                    throw new NodeStartException(new AggregateException(e, stopping), configuration);
                }

                throw new NodeStartException(e, configuration);
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }
}
