using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>
/// KPIs from hand-built ledgers, answers worked out by hand. The sample policy: grid and dispatch 30
/// minutes, accept 15 minutes, handling per category (暴露垃圾 E0102: 4 working hours), office hours
/// 08:30–12:00 and 13:30–17:30 in Asia/Shanghai (UTC+8).
/// </summary>
[Trait("Category", "Unit")]
public class KpiTests
{
    // Tuesday 24 Nov 2026, 09:00 local = 01:00 UTC.
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset Local(int hour, int minute, int day = 24) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
    private static readonly DateTimeOffset DayStart = Local(0, 0), DayEnd = Local(0, 0, 25);

    /// <summary>A, in JY01: everything on time, satisfaction 5.</summary>
    private static HandBuiltLog Smooth() => new HandBuiltLog("A", T0)
        .Locate(Local(9, 10), HandBuiltLog.Block("JY01"))     // grid step: 10 of 30 minutes → on time
        .Dispatch(Local(9, 20), "M1")                         // never returned → accurate
        .Accept(Local(9, 25))                                 // handling due 09:25 + 4 wh = 14:55
        .Resolve(Local(10, 0))                                // on time; 35 working minutes
        .Verify(Local(10, 30), passed: true)
        .Evaluate(Local(11, 0), satisfaction: 5);             // every step in time → closed on time

    /// <summary>B, in JY02: returned once, late handling, rework, satisfaction 3.</summary>
    private static HandBuiltLog Bumpy() => new HandBuiltLog("B", T0, HandBuiltLog.Block("JY02"))   // located at once → on time
        .Dispatch(Local(9, 5), "M2")
        .Return(Local(9, 10))                                 // M2 returns it → M2's dispatch was not accurate
        .Dispatch(Local(9, 15), "M1")                         // M1 keeps it → accurate
        .Accept(Local(9, 20))                                 // due 09:20 + 4 wh: 2h40 before lunch, 1h20 after → 14:50
        .Watch(Local(14, 50))                                 // the clock breaches it: red, escalated
        .Resolve(Local(15, 0))                                // late; 2h40 + 1h30 = 4h10 of working time
        .Verify(Local(15, 10), passed: false)                 // rework: due 15:10 + 4 wh = Wed 10:10
        .Resolve(Local(16, 10))                               // on time; 1 working hour
        .Verify(Local(16, 30), passed: true)
        .Evaluate(Local(17, 0), satisfaction: 3);             // a breached step → not closed on time; 3 is not satisfied

    private static KpiReport Report(string scope, KpiGrouping by, params HandBuiltLog[] logs) =>
        KpiReport.Of(logs.SelectMany(l => KpiObserver.Observe(l.Events, SampleRules.Policy.Calendar, SampleRules.Catalogue)), scope, DayStart, DayEnd, by);

    [Fact]
    public void The_citys_kpis_count_every_step_of_the_day()
    {
        var total = Report("JY", KpiGrouping.Grid, Smooth(), Bumpy()).Total;

        total.GriddedOnTime.Should().Be(new KpiRatio(2, 2));
        total.AccurateDispatch.Should().Be(new KpiRatio(2, 3), "A→M1 and B→M1 stayed, B→M2 came back");
        total.HandledOnTime.Should().Be(new KpiRatio(2, 3), "A's result and B's second result in time, B's first late");
        total.ClosedOnTime.Should().Be(new KpiRatio(1, 2));
        total.Rework.Should().Be(new KpiRatio(1, 3), "one failed verification of three");
        total.Extension.Should().Be(new KpiRatio(0, 2));
        total.HandlingHours.Mean.Should().BeApproximately((35 / 60.0 + 250 / 60.0 + 1) / 3, 1e-4, "(0h35 + 4h10 + 1h00) / 3 = 1h55");
        total.Satisfaction.Should().Be(new KpiRatio(1, 2));
        total.Satisfaction.Rate.Should().Be(0.5);
        total.Supervision.Should().Be(0, "nobody supervised (督办) these incidents");
    }

    [Fact]
    public void By_grid_each_town_gets_its_own_incidents()
    {
        var rows = Report("JY", KpiGrouping.Grid, Smooth(), Bumpy()).Rows.ToDictionary(r => r.Key, r => r.Kpis);

        rows.Keys.Should().Equal("JY01", "JY02");
        rows["JY01"].HandledOnTime.Should().Be(new KpiRatio(1, 1));
        rows["JY01"].ClosedOnTime.Should().Be(new KpiRatio(1, 1));
        rows["JY02"].AccurateDispatch.Should().Be(new KpiRatio(1, 2));
        rows["JY02"].HandledOnTime.Should().Be(new KpiRatio(1, 2));
        rows["JY02"].Rework.Should().Be(new KpiRatio(1, 2));
        rows["JY02"].Satisfaction.Should().Be(new KpiRatio(0, 1));
    }

    [Fact]
    public void A_town_scope_sees_only_its_subtree_broken_down_by_its_children()
    {
        var report = Report("JY02", KpiGrouping.Grid, Smooth(), Bumpy());

        report.Total.GriddedOnTime.Should().Be(new KpiRatio(1, 1));
        report.Total.HandledOnTime.Should().Be(new KpiRatio(1, 2));
        report.Rows.Select(r => r.Key).Should().Equal("JY02-01");
    }

    [Fact]
    public void By_member_the_returned_dispatch_is_held_against_the_member_who_returned_it()
    {
        var rows = Report("JY", KpiGrouping.Member, Smooth(), Bumpy()).Rows.ToDictionary(r => r.Key, r => r.Kpis);

        rows.Keys.Should().Equal("M1", "M2");
        rows["M2"].AccurateDispatch.Should().Be(new KpiRatio(0, 1));
        rows["M1"].AccurateDispatch.Should().Be(new KpiRatio(2, 2));
        rows["M1"].HandledOnTime.Should().Be(new KpiRatio(2, 3));
        rows["M1"].GriddedOnTime.Should().Be(new KpiRatio(0, 0), "locating is the center's work, not a member's");
        rows["M1"].GriddedOnTime.Rate.Should().BeNull("no denominator, no rate");
    }

    [Fact]
    public void An_approved_extension_makes_a_late_result_on_time_and_counts_as_extended()
    {
        var log = new HandBuiltLog("C", T0, HandBuiltLog.Block("JY01"), category: "E0801")   // 社会救助: 24 wh, 便民服务
            .Dispatch(Local(9, 5), "M3")
            .Accept(Local(9, 10));
        var due = log.State.Active!.Deadline.DueAt;                                          // three working days later
        log.Do(IncidentAction.RequestExtension, HandBuiltLog.Worker("M3"), Local(10, 0), c => c with { RequestedDueAt = due.AddDays(2), Note = "waiting for documents" })
           .Do(IncidentAction.DecideExtension, HandBuiltLog.Supervisor, Local(10, 30), c => c with { Approved = true })
           .Resolve(due.AddDays(1))                                                         // a day after the first deadline, a day before the new one
           .Verify(due.AddDays(1).AddHours(0.5), passed: true)
           .Evaluate(due.AddDays(1).AddHours(1), satisfaction: 4);

        var observations = KpiObserver.Observe(log.Events, SampleRules.Policy.Calendar, SampleRules.Catalogue);
        var total = KpiReport.Of(observations, "JY", DayStart, DayStart.AddDays(14), KpiGrouping.Platform);

        total.Total.HandledOnTime.Should().Be(new KpiRatio(1, 1));
        total.Total.Extension.Should().Be(new KpiRatio(1, 1));
        total.Total.ClosedOnTime.Should().Be(new KpiRatio(1, 1));
        total.Total.Satisfaction.Should().Be(new KpiRatio(1, 1), "4 counts as satisfied");
        total.Rows.Select(r => r.Key).Should().Equal("CitizenServices");
    }

    [Fact]
    public void Only_steps_taken_inside_the_period_count()
    {
        // Window 09:00–10:00: A's locate, dispatch and result and B's first dispatches only.
        var logs = new[] { Smooth(), Bumpy() };
        var observations = logs.SelectMany(l => KpiObserver.Observe(l.Events, SampleRules.Policy.Calendar, SampleRules.Catalogue));

        var total = KpiReport.Of(observations, "JY", Local(9, 0), Local(10, 0), KpiGrouping.Grid).Total;

        total.GriddedOnTime.Should().Be(new KpiRatio(2, 2));
        total.AccurateDispatch.Should().Be(new KpiRatio(2, 3));
        total.HandledOnTime.Should().Be(new KpiRatio(0, 0), "A's result came at 10:00, the end of the window, which is outside it");
        total.ClosedOnTime.Should().Be(new KpiRatio(0, 0));
    }
}
