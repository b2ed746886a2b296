namespace ClassifiedGateway.Tests.Harness;

/// <summary>Where the console's browser tests write their screenshots: artifacts/ at the repository root.</summary>
internal static class ConsoleArtifacts
{
    public static string File(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        var artifacts = Path.Combine(directory!.FullName, "artifacts");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, name);
    }
}
