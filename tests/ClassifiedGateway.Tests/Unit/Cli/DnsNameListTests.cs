using ClassifiedGateway.Gateway.Cli;

namespace ClassifiedGateway.Tests.Unit.Cli;

/// <summary>pki --dns-kz / --dns-tm: only host names reach a certificate; anything else is one sentence naming the option.</summary>
public sealed class DnsNameListTests
{
    public static TheoryData<string, string, string?> Cases => new()
    {
        { "compose service names", "kz-gateway,kz-gateway-1,kz-gateway-2", null },
        { "a fully qualified name", "gw1.kz.example", null },
        { "63-character label", new string('a', 63) + ".example", null },
        { "underscore", "kz_gateway", "is not a DNS name" },
        { "space inside", "kz gateway", "is not a DNS name" },
        { "newline", "kz-gateway\nforged", "is not a DNS name" },
        { "non-ASCII letter", "kz-шлюз", "is not a DNS name" },
        { "leading hyphen", "-kz", "starts or ends with a hyphen" },
        { "trailing hyphen", "kz-", "starts or ends with a hyphen" },
        { "64-character label", new string('a', 64) + ".example", "empty or longer than 63" },
        { "trailing dot", "kz-gateway.", "empty or longer than 63" },
        { "254 characters", string.Join('.', Enumerable.Repeat(new string('a', 50), 5)) + ".abc", "longer than 253" },
        { "empty element", "kz-gateway,,kz-gateway-1", "is empty" },
        { "wildcard", "*.kz.example", "wildcard" },
        { "IPv4 address", "10.0.0.5", "IP address" },
        { "IPv6 address", "::1", "IP address" },
        { "33 names", string.Join(',', Enumerable.Range(1, 33).Select(i => $"kz-{i}")), "at most 32 names" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_host_names_or_refuses_in_one_sentence(string why, string value, string? failure)
    {
        if (failure is null)
        {
            Assert.Equal(value.Split(','), DnsNameList.Parse("--dns-kz", value));
            return;
        }

        var error = Assert.Throws<CliUsageException>(() => DnsNameList.Parse("--dns-kz", value));
        Assert.Contains(failure, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("pki: --dns-kz", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 300, why);
    }

    [Fact]
    public void Names_are_lower_cased_and_repeats_dropped()
    {
        Assert.Equal(["kz-gateway", "kz-gateway-1"], DnsNameList.Parse("--dns-kz", "KZ-Gateway, kz-gateway-1,kz-gateway"));
    }
}
