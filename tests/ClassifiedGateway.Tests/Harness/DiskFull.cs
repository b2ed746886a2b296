using System.Diagnostics;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Makes a node's storage full and gives the space back: a small tmpfs filled with a filler file where this machine lets
/// the test mount one (root with CAP_SYS_ADMIN), else the node's fault injector limiting the database's growth (same SQLITE_FULL).</summary>
internal abstract class DiskFull : IAsyncDisposable
{
    public abstract string Kind { get; }

    /// <summary>Sets the node up to keep its database where this filler can fill it (before the node starts).</summary>
    public abstract void Configure(NodeSettings node);

    public abstract Task FillAsync(NodeSettings node);

    public abstract Task FreeAsync(NodeSettings node);

    public abstract ValueTask DisposeAsync();

    public static async Task<DiskFull> CreateAsync()
    {
        var mount = Path.Combine(Path.GetTempPath(), "cg-tests", "disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        // CG_TESTS_DISK_FULL=page-limit forces the fallback, to check the path taken where mounting is not allowed.
        if (Environment.GetEnvironmentVariable("CG_TESTS_DISK_FULL") != "page-limit"
            && await RunAsync("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount) == 0)
        {
            return new Tmpfs(mount);
        }

        Directory.Delete(mount);
        return new PageLimit();
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    private sealed class Tmpfs(string mount) : DiskFull
    {
        private readonly string _filler = Path.Combine(mount, "filler");

        public override string Kind => "tmpfs";

        public override void Configure(NodeSettings node)
        {
            node.Extra["Gateway:Storage:Sqlite:Path"] = Path.Combine(mount, $"{node.Code}.db");
        }

        public override async Task FillAsync(NodeSettings node)
        {
            var chunk = new byte[1 << 20];
            await using var file = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            try
            {
                // Bounded: the mount is 48 MB.
                for (var i = 0; i < 100; i++)
                {
                    await file.WriteAsync(chunk);
                    await file.FlushAsync();
                }
            }
            catch (IOException)
            {
                // No space left on the device: full, as intended.
            }
        }

        public override Task FreeAsync(NodeSettings node)
        {
            File.Delete(_filler);
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            await RunAsync("umount", "-l", mount);
            try
            {
                Directory.Delete(mount, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed class PageLimit : DiskFull
    {
        public override string Kind => "max_page_count";

        public override void Configure(NodeSettings node) => StoreFaults.EnableFaults(node);

        public override Task FillAsync(NodeSettings node) => StoreFaults.InjectAsync(node, "disk-full");

        public override Task FreeAsync(NodeSettings node) => StoreFaults.InjectAsync(node, "disk-free");

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
