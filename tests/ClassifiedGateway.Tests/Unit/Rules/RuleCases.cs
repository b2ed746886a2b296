using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Validation;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Extensions.Options;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Shared builders and assertions for the rule tables: fixed instants, sample notices, a ledger, exact verdict checks.</summary>
internal static class RuleCases
{
    /// <summary>The instant most cases are decided at (host time, UTC+05:00).</summary>
    public static readonly DateTimeOffset Now = At("2027-03-01T10:00:00+05:00");

    /// <summary>When the first ledger entry of a case was accepted; later ones follow an hour apart.</summary>
    private static readonly DateTimeOffset LedgerStart = At("2027-01-01T09:00:00+05:00");

    public static HostTimeZones Zones { get; } = new(new RulesOptions());

    public static IOptions<PolicyOptions> Policy(PolicyOptions? policy = null) => Options.Create(policy ?? new PolicyOptions());

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static CalendarDate Date(string day) => CalendarDates.From(DateOnly.Parse(day, CultureInfo.InvariantCulture));

    /// <summary>A calendar date as yyyy-MM-dd, or "" when unset.</summary>
    public static string Day(CalendarDate? date) => date is null ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";

    /// <summary>"Secret+TopSecret" as levels.</summary>
    public static ClassificationLevel[] LevelsOf(string levels) =>
        [.. levels.Split('+', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ClassificationLevel>)];

    public static Party Other(Party party) => party == Party.Kz ? Party.Tm : Party.Kz;

    public static string CompetentBody(Party party) => party == Party.Kz ? Notices.KzCompetentBody : Notices.TmCompetentBody;

    public static string AuthorizedBody(Party party) => party == Party.Kz ? Notices.KzAuthorizedBody : Notices.TmAuthorizedBody;

    /// <summary>A valid sample notice from <paramref name="from"/> to the other Party (competent bodies unless named).</summary>
    public static Envelope Notice(string id, Case kind, Party from, string? senderBody = null, string? receiverBody = null,
        string? inReplyTo = null, DateTimeOffset? at = null)
    {
        var e = Notices.Envelope(id, from, at ?? Now, kind, inReplyTo);
        e.SenderBody = senderBody ?? e.SenderBody;
        e.ReceiverBody = receiverBody ?? e.ReceiverBody;
        return e;
    }

    /// <summary>A transfer between the Parties' authorized bodies, one carrier per level: c-1, c-2, ...</summary>
    public static Envelope Transfer(string id, string levels = "Secret", Party from = Party.Kz, DateTimeOffset? at = null)
    {
        var e = Notice(id, Case.TransferNotice, from, AuthorizedBody(from), AuthorizedBody(Other(from)), at: at);
        var parsed = LevelsOf(levels);
        e.TransferNotice.Carriers.Clear();
        for (var i = 0; i < parsed.Length; i++)
        {
            e.TransferNotice.Carriers.Add(new Carrier { CarrierId = $"c-{i + 1}", Level = parsed[i], Description = "SECRET-DESCRIPTION", Copies = 1 });
        }

        e.Level = Levels.Highest(parsed);
        return e;
    }

    /// <summary>Ledger entries accepted and received an hour apart, oldest first, all before <see cref="Now"/>.</summary>
    public static LedgerEntry[] Ledger(params Envelope[] envelopes) =>
        [.. envelopes.Select((e, i) => RuleTesting.Entry(e, LedgerStart.AddHours(i)))];

    public static RuleContext Context(Envelope notice, params Envelope[] ledger) => RuleTesting.Context(notice, Now, Ledger(ledger));

    public static RuleContext Context(Envelope notice, DateTimeOffset decidedAt, params Envelope[] ledger) =>
        RuleTesting.Context(notice, decidedAt, Ledger(ledger));

    /// <summary>The notice passes (<paramref name="field"/> null) or is refused by exactly this rule on exactly this field.</summary>
    public static void Expect(RuleVerdict? verdict, string ruleId, string article, string? field, string because)
    {
        if (field is null)
        {
            Passes(verdict, because);
        }
        else
        {
            Refused(verdict, ruleId, article, field, because);
        }
    }

    public static void Passes(RuleVerdict? verdict, string because) =>
        Assert.True(verdict is null, $"{because}: expected no verdict, got {verdict?.RuleId} {verdict?.Outcome}: {verdict?.Message}");

    public static void Refused(RuleVerdict? verdict, string ruleId, string article, string field, string because)
    {
        var v = Found(verdict, ruleId, article, because);
        Assert.Equal(RuleOutcome.Refuse, v.Outcome);
        Assert.Equal([field], v.Fields);
    }

    /// <summary>Refused by exactly this rule, with no particular field at fault (the notice as a whole).</summary>
    public static void RefusedAsAWhole(RuleVerdict? verdict, string ruleId, string article, string because)
    {
        var v = Found(verdict, ruleId, article, because);
        Assert.Equal(RuleOutcome.Refuse, v.Outcome);
        Assert.Empty(v.Fields);
    }

    /// <summary>Accepted and flagged: never a refusal, no field at fault.</summary>
    public static RuleVerdict Flagged(RuleVerdict? verdict, string ruleId, string article, string because)
    {
        var v = Found(verdict, ruleId, article, because);
        Assert.Equal(RuleOutcome.Flag, v.Outcome);
        Assert.Empty(v.Fields);
        return v;
    }

    private static RuleVerdict Found(RuleVerdict? verdict, string ruleId, string article, string because)
    {
        if (verdict is null)
        {
            Assert.Fail($"{because}: expected {ruleId}, but the notice passed");
        }

        Assert.Equal(ruleId, verdict.RuleId);
        Assert.Equal(article, verdict.Article);
        Assert.StartsWith(article + ": ", verdict.Message, StringComparison.Ordinal);
        return verdict;
    }
}
