using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>
/// The standard's indicators beyond the first nine (docs/kpis.md), each on a ledger built by hand with the arithmetic in
/// comments. Sample policy: grid and dispatch 30 minutes, accept 15 minutes, handling 暴露垃圾 E0102 4 working hours
/// (社会救助 E0801 24), verify 1 h (urban); office hours 08:30–12:00 and 13:30–17:30, UTC+8. Tuesday 24 Nov 2026.
/// </summary>
[Trait("Category", "Unit")]
public class StandardIndicatorTests
{
    private static DateTimeOffset Local(int hour, int minute, int day = 24) =>
        new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static readonly GridPlacement JY01 = HandBuiltLog.Block("JY01");

    /// <summary>Reported and located at once at 09:00: the dispatch step runs from 09:00, due 09:30.</summary>
    private static HandBuiltLog AtOnce(string id, string category = "E0102", string town = "JY01") =>
        new(id, Local(9, 0), HandBuiltLog.Block(town), category);

    private static IReadOnlyList<KpiObservation> Observe(params IReadOnlyList<IncidentEvent>[] logs) =>
        logs.SelectMany(l => KpiObserver.Observe(l, SampleRules.Policy.Calendar, SampleRules.Catalogue)).ToList();

    private static KpiReport Day(KpiGrouping by, int day, params IReadOnlyList<IncidentEvent>[] logs) =>
        KpiReport.Of(Observe(logs), "JY", Local(0, 0, day), Local(0, 0, day + 1), by);

    private static KpiReport Day(KpiGrouping by, params HandBuiltLog[] logs) => Day(by, 24, logs.Select(l => (IReadOnlyList<IncidentEvent>)l.Events).ToArray());

    [Fact]
    public void Dispatched_on_time_judges_each_dispatch_that_ends_a_dispatch_step()
    {
        var a = AtOnce("A").Dispatch(Local(9, 20), "M1")        // due 09:30, at 09:20 → on time
            .Dispatch(Local(9, 25), "M2");                       // a re-dispatch: the accept step was running, no dispatch step ends → not counted
        var b = AtOnce("B").Dispatch(Local(9, 45), "M1");        // due 09:30, at 09:45 → late
        var c = AtOnce("C").Dispatch(Local(9, 30), "M1");        // due 09:30, at 09:30 exactly: ended ≤ due → on time
        var d = AtOnce("D").Dispatch(Local(9, 10), "M2")         // due 09:30 → on time
            .Return(Local(9, 40))                                // back to dispatch: a new dispatch step, due 09:40 + 30 min = 10:10
            .Dispatch(Local(10, 20), "M1");                      // 10:20 > 10:10 → late

        // 5 dispatches ended a dispatch step (A, B, C, D twice), 3 by their deadline (A, C, D's first) → 3/5.
        Day(KpiGrouping.Grid, a, b, c, d).Total.DispatchedOnTime.Should().Be(new KpiRatio(3, 5));
    }

    [Fact]
    public void Verified_on_time_judges_every_verification_passed_or_failed()
    {
        var a = AtOnce("A").Dispatch(Local(9, 5), "M1").Accept(Local(9, 10))
            .Resolve(Local(10, 0))                               // verify due 10:00 + 1 h = 11:00
            .Verify(Local(10, 30), passed: false)                // 10:30 ≤ 11:00 → on time (and rework)
            .Resolve(Local(11, 0))                               // verify due 12:00
            .Verify(Local(11, 50), passed: true);                // 11:50 ≤ 12:00 → on time
        var b = AtOnce("B").Dispatch(Local(9, 5), "M2").Accept(Local(9, 10))
            .Resolve(Local(10, 0))                               // verify due 11:00
            .Verify(Local(11, 30), passed: true);                // 11:30 > 11:00 → late

        var total = Day(KpiGrouping.Grid, a, b).Total;
        total.VerifiedOnTime.Should().Be(new KpiRatio(2, 3), "3 verifications, 2 by their deadline");
        total.Rework.Should().Be(new KpiRatio(1, 3));
    }

    [Fact]
    public void Closure_counts_the_cases_whose_handling_deadline_fell_in_the_period_and_how_many_of_them_closed()
    {
        var a = AtOnce("A").Dispatch(Local(9, 5), "M1")
            .Accept(Local(9, 20))                                // handling due 09:20 + 4 wh: 2 h 40 before lunch, 1 h 20 after → 14:50
            .Resolve(Local(10, 0)).Verify(Local(10, 30), passed: true)
            .Evaluate(Local(11, 0), satisfaction: 5);            // closed
        var b = AtOnce("B").Dispatch(Local(9, 5), "M1")
            .Accept(Local(9, 20))                                // due 14:50
            .Resolve(Local(10, 0)).Verify(Local(10, 30), passed: true);   // the return visit still open: not closed
        var c = AtOnce("C").Dispatch(Local(15, 40), "M2")
            .Accept(Local(16, 0));                               // due 16:00 + 4 wh: 1 h 30 on Tuesday, 2 h 30 on Wednesday → Wed 11:00
        var d = AtOnce("D").Dispatch(Local(9, 5), "M3")
            .Accept(Local(9, 20))                                // due 14:50, but…
            .Do(IncidentAction.Suspend, HandBuiltLog.Supervisor, Local(10, 0), x => x with { Note = "parked" });   // 挂账: the clock stopped, not due

        // Tuesday: A and B fell due (14:50), C falls due on Wednesday, D is parked; A closed → 1/2.
        Day(KpiGrouping.Grid, a, b, c, d).Total.Closure.Should().Be(new KpiRatio(1, 2));
        // Wednesday: C fell due at 11:00 and is not closed → 0/1.
        Day(KpiGrouping.Grid, 25, a.Events, b.Events, c.Events, d.Events).Total.Closure.Should().Be(new KpiRatio(0, 1));
        Observe(a.Events).Single(o => o.Kind == KpiKind.Closure).At.Should().Be(Local(14, 50), "a case is due at its handling deadline");
    }

    [Fact]
    public void Handled_counts_dispatched_cases_with_a_result_and_handled_late_counts_late_results()
    {
        var a = AtOnce("A").Dispatch(Local(9, 5), "M1").Accept(Local(9, 10))   // due 09:10 + 4 wh = 14:40
            .Resolve(Local(10, 0));                                            // on time
        var b = AtOnce("B").Dispatch(Local(9, 5), "M2").Return(Local(9, 10))
            .Dispatch(Local(9, 15), "M1").Accept(Local(9, 20))                 // due 14:50
            .Resolve(Local(15, 0));                                            // 15:00 > 14:50 → late
        var c = AtOnce("C").Dispatch(Local(9, 5), "M3").Accept(Local(9, 10)); // no result yet

        var report = Day(KpiGrouping.Member, a, b, c);
        // 3 cases dispatched (B once, though dispatched twice), 2 with a result (A, B) → 2/3; 1 result after its deadline (B).
        report.Total.Handled.Should().Be(new KpiRatio(2, 3));
        report.Total.HandledLate.Should().Be(1);
        report.Total.HandledOnTime.Should().Be(new KpiRatio(1, 2));
        var rows = report.Rows.ToDictionary(r => r.Key, r => r.Kpis);
        rows["M1"].Handled.Should().Be(new KpiRatio(2, 2), "A and B: M1 reported both results");
        rows["M1"].HandledLate.Should().Be(1);
        rows["M3"].Handled.Should().Be(new KpiRatio(0, 1), "C is with M3, without a result");
        rows["M2"].Handled.Should().Be(new KpiRatio(0, 0), "M2 returned B: the case is M1's");
    }

    [Fact]
    public void Filed_counts_locates_and_accurate_filing_those_neither_cancelled_nor_returned()
    {
        var a = new HandBuiltLog("A", Local(9, 0)).Locate(Local(9, 10), JY01)               // filed at 09:10, carried on → accurate
            .Dispatch(Local(9, 20), "M1");
        var b = AtOnce("B")                                                                  // filed at once…
            .Do(IncidentAction.Cancel, HandBuiltLog.Operator, Local(9, 20), x => x with { Note = "duplicate" });   // …then 不予立案 → inaccurate
        var c = AtOnce("C").Dispatch(Local(9, 5), "M1").Return(Local(9, 10));               // filed, returned (回退) → inaccurate
        var d = new HandBuiltLog("D", Local(9, 0))                                           // never located…
            .Do(IncidentAction.Cancel, HandBuiltLog.Operator, Local(9, 5), x => x with { Note = "invalid" });     // …and cancelled: not filed

        var total = Day(KpiGrouping.Grid, a, b, c, d).Total;
        total.Filed.Should().Be(3, "A, B and C were located to a grid");
        total.AccurateFiling.Should().Be(new KpiRatio(1, 3), "of 3 filed, B was cancelled and C returned");
        // A, B and C have a grid; D, cancelled before locating, has none and counts in no grid's figures → A and C valid of 3.
        total.ValidReports.Should().Be(new KpiRatio(2, 3));
    }

    private static readonly Actor Informant = new("M10", Roles.Informant, "M10");

    private static List<IncidentEvent> Reported(string id, Actor by, string channel, int minute, GridPlacement? placement)
    {
        var report = new IncidentReport("E0102", Grains.Catalogue.Priority.Normal, "seen on patrol", channel, 31.9, 120.28);
        return [.. IncidentLifecycle.Report(id, report, placement, by, Local(9, minute), Rules)];
    }

    private static readonly SlaRules Rules = new(SampleRules.Policy, SampleRules.Catalogue.Find("E0102")!);

    private static void Then(List<IncidentEvent> log, IncidentAction action, Actor actor, int minute, Func<IncidentCommand, IncidentCommand> fill)
    {
        var outcome = IncidentLifecycle.Decide(IncidentState.Fold(log), fill(new IncidentCommand(action)), actor, Local(9, minute), Rules);
        outcome.Rejection.Should().BeNull();
        log.AddRange(outcome.Events);
    }

    private static void Duplicate(List<IncidentEvent> log, Actor by, string channel, int minute) =>
        log.AddRange(IncidentLifecycle.Link(IncidentState.Fold(log),
            new IncidentReport("E0102", Grains.Catalogue.Priority.Normal, "the same again", channel, 31.9, 120.28), by, Local(9, minute)).Events);

    [Fact]
    public void Valid_reports_by_reporter_and_by_channel()
    {
        var i1 = Reported("I1", Informant, "app", 0, JY01);                                  // M10 by app → a case → valid
        var i2 = Reported("I2", Informant, "app", 5, JY01);                                  // M10 by app…
        Then(i2, IncidentAction.Cancel, HandBuiltLog.Operator, 10, x => x with { Note = "invalid" });   // …不予立案 → invalid
        var i3 = Reported("I3", HandBuiltLog.Operator, "hotline", 15, JY01);                 // operator1 by hotline → valid
        Duplicate(i3, Informant, "app", 20);                                                 // M10's duplicate (L1) → invalid
        Duplicate(i3, HandBuiltLog.Operator, "hotline", 25);                                 // operator1's (L2)…
        Then(i3, IncidentAction.Unlink, HandBuiltLog.Operator, 30, x => x with { LinkId = "L2", NewIncidentId = "I4" });   // …a case of its own: I4's ledger counts it

        var byReporter = Day(KpiGrouping.Reporter, 24, i1, i2, i3);
        // Reports: I1, I2, I3, L1 (L2 became I4) = 4; valid: I1, I3 → 2/4.
        byReporter.Total.ValidReports.Should().Be(new KpiRatio(2, 4));
        var reporters = byReporter.Rows.ToDictionary(r => r.Key, r => r.Kpis.ValidReports);
        reporters.Should().BeEquivalentTo(new Dictionary<string, KpiRatio>
        {
            ["M10"] = new(1, 3),                 // I1 valid; I2 cancelled, L1 a duplicate
            ["operator1"] = new(1, 1),           // I3
        });
        var channels = Day(KpiGrouping.Channel, 24, i1, i2, i3).Rows.ToDictionary(r => r.Key, r => r.Kpis.ValidReports);
        channels.Should().BeEquivalentTo(new Dictionary<string, KpiRatio> { ["app"] = new(1, 3), ["hotline"] = new(1, 1) });
    }

    [Fact]
    public void By_platform_each_department_gets_its_on_time_rates_satisfaction_composite_grade_and_rank()
    {
        var law = AtOnce("A", "E0102").Dispatch(Local(9, 10), "M1")   // 综合执法: dispatch due 09:30 → on time
            .Accept(Local(9, 15))                                       // handling due 09:15 + 4 wh: 2 h 45 + 1 h 15 → 14:45
            .Resolve(Local(10, 0))                                      // on time; verify due 11:00
            .Verify(Local(10, 30), passed: true)                        // on time
            .Evaluate(Local(11, 0), satisfaction: 5);                   // closed on time, satisfied; due 14:45 today and closed → closure 1/1
        var citizen = AtOnce("B", "E0801", "JY02").Dispatch(Local(9, 40), "M2")   // 便民服务: 09:40 > 09:30 → late
            .Accept(Local(9, 45))                                       // handling 24 wh: due Friday → no closure figure today
            .Resolve(Local(10, 0))                                      // on time; verify due 11:00
            .Verify(Local(11, 30), passed: true)                        // late
            .Evaluate(Local(12, 0), satisfaction: 3);                   // a late step → not closed on time; 3 is not satisfied

        var rows = Day(KpiGrouping.Platform, law, citizen).Rows.ToDictionary(r => r.Key);

        var l = rows["LawEnforcement"];
        (l.Kpis.DispatchedOnTime, l.Kpis.HandledOnTime, l.Kpis.VerifiedOnTime, l.Kpis.ClosedOnTime, l.Kpis.Satisfaction)
            .Should().Be((new KpiRatio(1, 1), new KpiRatio(1, 1), new KpiRatio(1, 1), new KpiRatio(1, 1), new KpiRatio(1, 1)));
        // Every rate with data is 1 (rework and extension 0/1 count as 1 − 0) → 100, 优秀, first.
        l.Score.Should().Be(new KpiScore(100, KpiGrade.Excellent, 1));

        var c = rows["CitizenServices"];
        (c.Kpis.DispatchedOnTime, c.Kpis.HandledOnTime, c.Kpis.VerifiedOnTime, c.Kpis.ClosedOnTime, c.Kpis.Satisfaction)
            .Should().Be((new KpiRatio(0, 1), new KpiRatio(1, 1), new KpiRatio(0, 1), new KpiRatio(0, 1), new KpiRatio(0, 1)));
        c.Kpis.Closure.Should().Be(new KpiRatio(0, 0));
        // Default weights; closure has no data (its 10 left out of both sums):
        // gridded 5·1 + dispatched 5·0 + accurate dispatch 5·1 + handled on time 15·1 + handled 10·1 + verified 5·0 + closed on time 10·0
        // + rework 5·(1 − 0) + extension 5·(1 − 0) + satisfaction 15·0 + accurate filing 5·1 + valid reports 5·1 = 55, over 90 → 61.11, 合格, second.
        c.Score.Should().Be(new KpiScore(61.11, KpiGrade.Pass, 2));
    }

    [Fact]
    public void A_sub_task_of_a_joint_handling_counts_for_its_own_platform_and_member()
    {
        var joint = AtOnce("J")                                                   // 暴露垃圾: 综合执法
            .Do(IncidentAction.Split, HandBuiltLog.Operator, Local(9, 10), x => x with
            {
                Tasks = [new TaskPlan(Grains.Catalogue.Platform.LawEnforcement, "M1"), new TaskPlan(Grains.Catalogue.Platform.MarketSupervision, "M5")],
            });                                                                   // ends the dispatch step at 09:10 ≤ 09:30 → on time; handling due 09:10 + 4 wh = 14:40
        joint.Do(IncidentAction.Resolve, HandBuiltLog.Worker("M5"), Local(10, 0), x => x with { TaskId = "T2", Note = "done" })     // on time
             .Do(IncidentAction.Resolve, HandBuiltLog.Worker("M1"), Local(15, 0), x => x with { TaskId = "T1", Note = "done" });    // 15:00 > 14:40 → late

        var byPlatform = Day(KpiGrouping.Platform, joint).Rows.ToDictionary(r => r.Key, r => r.Kpis);
        byPlatform["MarketSupervision"].HandledOnTime.Should().Be(new KpiRatio(1, 1), "市场监管's part was done in time");
        byPlatform["LawEnforcement"].HandledOnTime.Should().Be(new KpiRatio(0, 1));
        byPlatform["LawEnforcement"].DispatchedOnTime.Should().Be(new KpiRatio(1, 1), "the split ended the dispatch step in time");
        var byMember = Day(KpiGrouping.Member, joint).Rows.ToDictionary(r => r.Key, r => r.Kpis);
        (byMember["M5"].HandledLate, byMember["M1"].HandledLate).Should().Be((0, 1));
    }
}
