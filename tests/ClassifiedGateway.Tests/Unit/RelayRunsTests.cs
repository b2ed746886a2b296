using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Storage;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>One relay message: the oldest entries of one type, bounded by count and by bytes, never empty.</summary>
public sealed class RelayRunsTests
{
    private const int Budget = 256 * 1024;

    [Fact]
    public void Small_notices_are_bounded_by_the_count_and_a_change_of_type_ends_the_run()
    {
        List<OutboxEntry> entries = [.. Enumerable.Range(1, 10).Select(i => Notice(i, 500)), Report(11), Notice(12, 500)];

        Assert.Equal([1, 2, 3, 4], RelayRuns.Take(entries, maxCount: 4, Budget).Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), RelayRuns.Take(entries, maxCount: 128, Budget).Select(e => e.Sequence));
        Assert.Equal([11], RelayRuns.Take(entries[10..], maxCount: 128, Budget).Select(e => e.Sequence));
    }

    [Fact]
    public void Large_notices_are_bounded_by_the_bytes_and_one_larger_than_the_budget_still_goes_alone()
    {
        var entries = new[] { Notice(1, 100_000), Notice(2, 100_000), Notice(3, 100_000), Notice(4, Budget), Notice(5, 10) };

        // 2 × (100,000 + overhead) fits in 256 KiB, a third would not.
        Assert.Equal([1, 2], RelayRuns.Take(entries, 128, Budget).Select(e => e.Sequence));
        Assert.Equal([3], RelayRuns.Take(entries[2..], 128, Budget).Select(e => e.Sequence));
        Assert.Equal([4], RelayRuns.Take(entries[3..], 128, Budget).Select(e => e.Sequence));
        Assert.Equal([5], RelayRuns.Take(entries[4..], 128, Budget).Select(e => e.Sequence));
        Assert.Empty(RelayRuns.Take([], 128, Budget));
    }

    [Fact]
    public void Status_reports_count_their_overhead_against_the_bytes()
    {
        var reports = Enumerable.Range(1, 400).Select(i => Report(i)).ToList();

        Assert.Equal(Budget / RelayRuns.EntryOverhead, RelayRuns.Take(reports, 5_000, Budget).Count);
    }

    private static OutboxEntry Notice(long sequence, int envelopeBytes) =>
        new(sequence, OutboxEntryType.Notice, $"k{sequence}", new byte[envelopeBytes], DateTimeOffset.UnixEpoch, Stage.Accepted, null, $"m{sequence}", "kz-knb");

    private static OutboxEntry Report(long sequence) =>
        new(sequence, OutboxEntryType.Status, $"k{sequence}", null, DateTimeOffset.UnixEpoch, Stage.Delivered, "tm-mns", $"m{sequence}", "kz-knb");
}
