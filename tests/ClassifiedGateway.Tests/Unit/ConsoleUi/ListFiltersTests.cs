using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Dashboard.Search;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClassifiedGateway.Tests.Unit.ConsoleUi;

public sealed class ListFiltersTests
{
    private static readonly ListFilters Filters = new(new BodiesOptions { KZ = ["kz-knb", "kz-ab-1"], TM = ["tm-mns", "tm-ab-1"] }, new HostTimeZones(new RulesOptions()));

    private static (Gateway.Storage.MessageQuery Query, IReadOnlyList<string> Unmatched) Read(params (string Key, string Value)[] values) =>
        Filters.Read(new QueryCollection(values.ToDictionary(v => v.Key, v => new StringValues(v.Value))), Party.Kz, 50);

    [Fact]
    public void Part_of_a_kind_name_finds_every_kind_that_contains_it_ignoring_case()
    {
        var (query, unmatched) = Read(("kind", "transfer"));
        Assert.Empty(unmatched);
        Assert.Contains("TransferNotice", query.KindIn!);
        Assert.Contains("ThirdPartyDisclosureRequest", ListFilters.Kinds("disclosure"));
        Assert.DoesNotContain("VisitRequest", query.KindIn!);
    }

    [Fact]
    public void Part_of_a_body_id_finds_the_registered_bodies_that_contain_it()
    {
        var (query, unmatched) = Read(("body", "KNB"));
        Assert.Empty(unmatched);
        Assert.Equal(["kz-knb"], query.BodyIn!);
        Assert.Equal(["kz-ab-1", "tm-ab-1"], Read(("body", "ab-1")).Query.BodyIn!);
    }

    [Fact]
    public void A_kind_or_body_that_matches_nothing_is_named()
    {
        var (query, unmatched) = Read(("kind", "Teleport"), ("body", "nobody"));
        Assert.Equal(["kind", "body"], unmatched);
        Assert.Empty(query.KindIn!);
        Assert.Equal(["nobody"], query.BodyIn!);
    }

    [Fact]
    public void The_search_term_is_an_id_a_correlation_id_or_part_of_a_name()
    {
        var search = Read(("q", "Transfer")).Query.Search!;
        Assert.Equal("Transfer", search.Term);
        Assert.Contains("TransferNotice", search.Kinds);
        Assert.Contains("Transfer", search.Bodies);
        Assert.Contains("kz-knb", Read(("q", "knb")).Query.Search!.Bodies);
    }

    [Fact]
    public void From_and_To_are_whole_days_in_the_host_time_zone_both_included()
    {
        var query = Read(("from", "2027-03-10"), ("to", "2027-03-10")).Query;
        Assert.Equal(DateTimeOffset.Parse("2027-03-09T19:00:00Z"), query.AcceptedFrom);
        Assert.Equal(DateTimeOffset.Parse("2027-03-10T19:00:00Z"), query.AcceptedTo);
    }

    [Theory]
    [InlineData("03/10/2027")]
    [InlineData("2027-13-01")]
    [InlineData("yesterday")]
    public void A_day_not_in_yyyy_mm_dd_is_ignored(string day) => Assert.Null(Read(("from", day)).Query.AcceptedFrom);
}
