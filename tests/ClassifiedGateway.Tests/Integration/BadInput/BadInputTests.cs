using Xunit.Abstractions;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>Hostile input through the real binary with raw frames: every class, on every method of every listener, is
/// answered INVALID_ARGUMENT naming the field (or RESOURCE_EXHAUSTED, or UNIMPLEMENTED for compression), in a status well
/// under 16 KB, changes nothing in the store, and leaves the node answering.</summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputTests(BadInputFixture fixture, ITestOutputHelper output)
{
    /// <summary>An HTTP/2 client cannot read a header block much larger than this.</summary>
    private const int MaxEncodedStatus = 16 * 1024;

    public static TheoryData<string> Cases => new(BadInputCases.ById.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_clearly_and_changes_nothing(string id)
    {
        var bad = BadInputCases.ById[id];
        var client = fixture.Clients[bad.Listener];
        var before = await fixture.FingerprintAsync();

        var status = await client.CallAsync(bad.Method, bad.Body, bad.Headers);
        output.WriteLine($"{id}: {status}");

        Assert.True(status.Code == bad.Code, $"{id}: expected status {bad.Code}, got {status}");
        Assert.True(status.EncodedBytes < MaxEncodedStatus, $"{id}: status of {status.EncodedBytes} bytes");
        Assert.DoesNotContain("   at ", status.Message, StringComparison.Ordinal);
        if (bad.Field is { } field)
        {
            Assert.True(status.BadFields.Contains(field), $"{id}: expected a violation of '{field}', got {status}");
        }

        Assert.Equal(before, await fixture.FingerprintAsync());
        var normal = await client.CallAsync(GrpcMethods.HealthCheck, Wire.Frame([]));
        Assert.True(normal.Code == 0, $"{id}: the node no longer answers a health check on the same connection: {normal}");
    }

    [Fact]
    public void The_table_covers_at_least_60_classes_and_every_method_of_every_listener()
    {
        var classes = BadInputCases.ById.Values.Select(c => c.Class).Distinct().Count();
        Assert.True(classes >= 60, $"{classes} classes");
        var methods = BadInputCases.ById.Values.Select(c => (c.Listener, c.Method)).ToHashSet();
        Assert.All(GrpcMethods.All, m => Assert.Contains((m.Listener, m.Path), methods));
        Assert.Contains(BadInputCases.ById.Values, c => c.Listener == Listener.Peer);
    }

    [Fact]
    public void The_method_list_is_every_method_the_node_serves()
    {
        // A service added to the node without being added here would escape the suite.
        var served = new[]
        {
            Contracts.V1.PartyGatewayService.Descriptor, Contracts.V1.PeerRelayService.Descriptor,
            Contracts.V1.OperatorService.Descriptor, Contracts.V1.DevClockService.Descriptor,
        }.SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Concat(["/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
                "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"]);
        Assert.Equal(served.Order(StringComparer.Ordinal), GrpcMethods.All.Select(m => m.Path).Distinct().Order(StringComparer.Ordinal));
    }
}

/// <summary>The suite shares one node pair across its test classes.</summary>
[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputFixture>
{
    public const string Name = "bad-input";
}
