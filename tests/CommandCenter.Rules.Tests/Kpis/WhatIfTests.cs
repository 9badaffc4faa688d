using System.Text.Json.Nodes;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>The same ledgers under another policy: same instants, deadlines worked out again.</summary>
[Trait("Category", "Unit")]
public class WhatIfTests
{
    private static DateTimeOffset Local(int hour, int minute, int day = 24) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>The sample policy with another handling limit for every category.</summary>
    public static SlaPolicy WithHandlingLimit(string limit)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.SampleCity, "sla-policy.json")))!;
        foreach (var rule in policy["limits"]!.AsArray())
            if (rule!["step"]!.GetValue<string>() == "handle") rule["limit"] = limit;
        return SlaPolicy.Parse(policy.ToJsonString(), SampleRules.Catalogue);
    }

    /// <summary>Accepted 09:20, result 15:00 (4h10 working): late against 4 wh.</summary>
    private static HandBuiltLog LateByFourHours() => new HandBuiltLog("B", Local(9, 0), HandBuiltLog.Block("JY02"))
        .Dispatch(Local(9, 10), "M1")
        .Accept(Local(9, 20))
        .Watch(Local(14, 50))                                  // breached at 14:50 under the real policy
        .Resolve(Local(15, 0))
        .Verify(Local(15, 10), passed: true)
        .Evaluate(Local(15, 30), satisfaction: 4);

    private static WhatIfResult Run(SlaPolicy alternative, params HandBuiltLog[] logs) => WhatIfResult.Of(
        logs.Select(l => (IReadOnlyList<Grains.Incidents.IncidentEvent>)l.Events).ToList(), SampleRules.Policy, alternative, SampleRules.Catalogue,
        "JY", Local(0, 0), Local(0, 0, 25), KpiGrouping.Grid, Local(0, 0, 25));

    [Fact]
    public void A_longer_handling_limit_turns_a_late_result_on_time_and_the_red_incident_green()
    {
        var result = Run(WithHandlingLimit("8wh"), LateByFourHours());

        result.Actual.Total.HandledOnTime.Should().Be(new KpiRatio(0, 1));
        result.Alternative.Total.HandledOnTime.Should().Be(new KpiRatio(1, 1), "4h10 of working time is within 8 wh");
        result.Alternative.Total.ClosedOnTime.Should().Be(new KpiRatio(1, 1));
        result.Differences.Single(d => d.Kpi == "handledOnTime").Change.Should().Be(1);
        var change = result.LightChanges.Single();
        (change.IncidentId, change.Actual, change.Alternative).Should().Be(("B", SlaLight.Red, SlaLight.Green), "4h10 of 8 wh never reaches the 80 % warning");
    }

    [Fact]
    public void Every_indicator_and_the_composite_is_compared()
    {
        var result = Run(WithHandlingLimit("8wh"), LateByFourHours());

        result.Differences.Select(d => d.Kpi).Should().Equal(
            "griddedOnTime", "accurateDispatch", "handledOnTime", "closedOnTime", "rework", "extension", "handlingHours", "satisfaction", "supervision",
            "dispatchedOnTime", "verifiedOnTime", "closure", "handled", "handledLate", "filed", "accurateFiling", "validReports", "composite");
        var by = result.Differences.ToDictionary(d => d.Kpi);
        by["handledLate"].Change.Should().Be(-1, "the 15:00 result was late against 14:50, in time against 8 wh");
        // Closure: due 14:50 under 4 wh (in the day, closed at 15:30 → 1/1); under 8 wh due Wednesday → no figure for the day, no change.
        (by["closure"].Actual, by["closure"].Alternative, by["closure"].Change).Should().Be((1.0, (double?)null, (double?)null));
        by["dispatchedOnTime"].Change.Should().Be(0, "dispatch limits are the same");
        // Composite, default weights: actual misses handled on time (15) and closed on time (10) of 100 → 75.00; the alternative, no closure
        // figure (its 10 out), every rate 1 → 100.
        (by["composite"].Actual, by["composite"].Alternative, by["composite"].Change).Should().Be((75.0, 100.0, 25.0));
    }

    [Fact]
    public void A_shorter_handling_limit_turns_an_on_time_result_late()
    {
        // Accepted 09:20, result 10:00: 40 minutes, within 4 wh, beyond 30 minutes.
        var quick = new HandBuiltLog("A", Local(9, 0), HandBuiltLog.Block("JY01"))
            .Dispatch(Local(9, 10), "M1").Accept(Local(9, 20)).Resolve(Local(10, 0)).Verify(Local(10, 10), passed: true).Evaluate(Local(10, 30), satisfaction: 5);

        var result = Run(WithHandlingLimit("30m"), quick);

        result.Actual.Total.HandledOnTime.Should().Be(new KpiRatio(1, 1));
        result.Alternative.Total.HandledOnTime.Should().Be(new KpiRatio(0, 1));
        result.LightChanges.Single().Alternative.Should().Be(SlaLight.Red);
    }

    [Fact]
    public void Under_the_same_policy_nothing_changes()
    {
        var result = Run(SampleRules.Policy, LateByFourHours());

        result.LightChanges.Should().BeEmpty();
        result.Differences.Should().OnlyContain(d => d.Change == null || d.Change == 0);
    }
}
