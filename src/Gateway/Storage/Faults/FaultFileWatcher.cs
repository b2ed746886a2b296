using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Storage.Faults;

/// <summary>Reads fault commands from the configured file and deletes it once they are applied (the caller waits for that).</summary>
internal sealed partial class FaultFileWatcher(
    FaultInjector injector, IOptions<FaultOptions> options, IOptions<StorageOptions> storage, TimeProvider time, ILogger<FaultFileWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var path = settings.File is { Length: > 0 } file ? file : storage.Value.Sqlite.Path + ".faults";
        LogWatching(logger, path);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        while (await Routing.Waits.NextTickAsync(timer, stoppingToken))
        {
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in await File.ReadAllLinesAsync(path, stoppingToken))
            {
                injector.Apply(line);
                LogApplied(logger, line);
            }

            File.Delete(path);
        }
    }

    [LoggerMessage(EventId = 9901, Level = LogLevel.Warning, Message = "Fault injection enabled (development only): watching {Path}")]
    private static partial void LogWatching(ILogger logger, string path);

    [LoggerMessage(EventId = 9902, Level = LogLevel.Warning, Message = "Fault injected: {Command}")]
    private static partial void LogApplied(ILogger logger, string command);
}
