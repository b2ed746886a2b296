using System.Diagnostics;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Runs the Node.js client in clients/node (found through PATH as <c>node</c>) with a timeout.</summary>
internal static class NodeClient
{
    private static readonly SemaphoreSlim Restore = new(1, 1);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Script => Path.Combine(RepositoryRoot, "clients", "node", "check-pair.js");

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        await EnsureModulesAsync();
        return await RunProcessAsync("node", [Script, .. args], RepositoryRoot, timeout);
    }

    /// <summary>test.sh runs <c>npm ci</c> first; a bare <c>dotnet test</c> restores the root package.json's modules here.</summary>
    private static async Task EnsureModulesAsync()
    {
        await Restore.WaitAsync();
        try
        {
            string[] modules = ["@grpc/grpc-js", "@grpc/proto-loader", "protobufjs"];
            if (modules.All(m => File.Exists(Path.Combine(RepositoryRoot, "node_modules", m, "package.json"))))
            {
                return;
            }

            var npm = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], RepositoryRoot, TimeSpan.FromMinutes(5));
            Assert.True(npm.ExitCode == 0, $"npm ci failed:\n{npm.Stdout}\n{npm.Stderr}");
        }
        finally
        {
            Restore.Release();
        }
    }

    private static async Task<CliRun> RunProcessAsync(string file, IEnumerable<string> args, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"'{file} {string.Join(' ', args)}' did not exit within {timeout.TotalSeconds} s.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No ClassifiedGateway.sln above " + AppContext.BaseDirectory);
    }
}
