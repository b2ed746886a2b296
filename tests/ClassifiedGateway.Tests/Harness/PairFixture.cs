namespace ClassifiedGateway.Tests.Harness;

/// <summary>One running pair shared by the tests of a class (tests use distinct message ids).</summary>
public sealed class PairFixture : IAsyncLifetime
{
    internal NodePair Pair { get; private set; } = null!;

    public async Task InitializeAsync() => Pair = await NodePair.StartAsync();

    public async Task DisposeAsync() => await Pair.DisposeAsync();
}
