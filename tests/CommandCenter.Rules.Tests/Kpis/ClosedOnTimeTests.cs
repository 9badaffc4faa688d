using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>
/// 按期结案率 for return visits nobody answers, worked out by hand. The rule (docs/kpis.md): the clock's
/// close of an unanswered visit takes effect at the visit's due instant, whenever the clock woke.
/// Sample policy: dispatch 30 min, accept 15 min, handling 暴露垃圾 E0102 4 working hours, verify 1 h
/// (urban), return visit 8 working hours; office hours 08:30–12:00 and 13:30–17:30, UTC+8.
/// </summary>
[Trait("Category", "Unit")]
public class ClosedOnTimeTests
{
    private static DateTimeOffset Local(int hour, int minute, int day = 24) =>
        new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    // Return visit: verified Tue 24 Nov 10:30. 8 working hours = Tue 10:30–12:00 (1 h 30) + 13:30–17:30 (4 h)
    // + Wed 08:30–11:00 (2 h 30) → due Wed 25 Nov 11:00. Warning at 80 % = 6 h 24: 5 h 30 on Tuesday + 54 min → Wed 09:24.
    private static readonly DateTimeOffset VisitDue = Local(11, 0, day: 25);
    private static readonly DateTimeOffset VisitWarn = Local(9, 24, day: 25);

    /// <summary>Every step on time up to the return visit, which nobody answers.</summary>
    private static HandBuiltLog Verified(string id) => new HandBuiltLog(id, Local(9, 0), HandBuiltLog.Block("JY01"))   // located at once
        .Dispatch(Local(9, 5), "M1")              // dispatch due 09:00 + 30 min = 09:30 → on time
        .Accept(Local(9, 10))                     // accept due 09:05 + 15 min = 09:20 → on time; handling due 09:10 + 4 wh = 14:40
        .Resolve(Local(10, 0))                    // on time; verify due 10:00 + 1 h = 11:00
        .Verify(Local(10, 30), passed: true);     // on time; return visit due Wed 11:00 (above)

    private static KpiSet Kpis(params HandBuiltLog[] logs) =>
        KpiReport.Of(logs.SelectMany(l => KpiObserver.Observe(l.Events, SampleRules.Policy.Calendar, SampleRules.Catalogue)),
            "JY", Local(0, 0), Local(0, 0, day: 27), KpiGrouping.Grid).Total;

    [Fact]
    public void The_return_visit_is_due_at_the_worked_out_instant()
    {
        var visit = Verified("C").State.Active!.Deadline;
        (visit.Step, visit.WarnAt, visit.DueAt).Should().Be((SlaStep.Evaluate, VisitWarn, VisitDue));
    }

    [Fact]
    public void A_visit_the_clock_closes_two_milliseconds_late_is_closed_on_time_at_its_due_instant()
    {
        var log = Verified("C").Watch(VisitDue.AddMilliseconds(2));   // the timer wakes 2 ms after 11:00

        log.State.Status.Should().Be(IncidentStatus.Filed, "the clock closed the loop: evaluated, assessed, filed");
        log.State.History[^1].EndedAt.Should().Be(VisitDue, "the visit's step ends at its due instant, not when the clock woke");
        // Six steps (grid, dispatch, accept, handle, verify, visit), each ended ≤ its deadline → 1 closing of 1 on time.
        Kpis(log).ClosedOnTime.Should().Be(new KpiRatio(1, 1));
        KpiObserver.Observe(log.Events, SampleRules.Policy.Calendar, SampleRules.Catalogue)
            .Single(o => o.Kind == KpiKind.ClosedOnTime).At.Should().Be(VisitDue, "the closing is counted at the instant it took effect");
    }

    [Fact]
    public void A_visit_the_clock_closes_hours_late_after_a_restart_is_still_on_time()
    {
        var log = Verified("C").Watch(Local(15, 0, day: 25));           // the center was down from 10:00 to 15:00

        Kpis(log).ClosedOnTime.Should().Be(new KpiRatio(1, 1), "the instants decide: the visit closed at 11:00");
    }

    [Fact]
    public void An_answer_recorded_after_the_due_instant_is_late()
    {
        var late = Verified("C").Evaluate(VisitDue.AddMilliseconds(2), satisfaction: 4);   // an operator, 2 ms after 11:00
        var onTheDot = Verified("D").Evaluate(VisitDue, satisfaction: 4);                 // an operator at 11:00 exactly: ended ≤ due

        Kpis(late).ClosedOnTime.Should().Be(new KpiRatio(0, 1), "a person's answer closes when it is given");
        Kpis(onTheDot).ClosedOnTime.Should().Be(new KpiRatio(1, 1));
        Kpis(late, onTheDot, Verified("E").Watch(VisitDue.AddMilliseconds(2))).ClosedOnTime.Should().Be(new KpiRatio(2, 3), "D and E on time, C late");
    }

    [Fact]
    public void An_unanswered_visit_turns_yellow_then_none_at_its_due_instant_and_is_never_overdue()
    {
        var log = Verified("C").Watch(VisitWarn.AddMilliseconds(3));     // the warning: 09:24 (+3 ms)
        var waiting = log.State;                                           // the clock has not closed it yet

        SlaLightRule.LightAt(waiting, VisitWarn.AddTicks(-1)).Should().Be(SlaLight.Green);
        SlaLightRule.LightAt(waiting, VisitWarn).Should().Be(SlaLight.Yellow);
        SlaLightRule.LightAt(waiting, VisitDue.AddTicks(-1)).Should().Be(SlaLight.Yellow);
        SlaLightRule.LightAt(waiting, VisitDue).Should().Be(SlaLight.None, "it closed at its due instant, even before the clock wrote it");
        SlaLightRule.IsOverdueAt(waiting, VisitDue.AddMilliseconds(1)).Should().BeFalse();

        log.Watch(VisitDue.AddMilliseconds(2));
        WorstLight.Of(log.Events, Local(0, 0, day: 27)).Should().Be(SlaLight.Yellow, "it never showed red");
    }

    [Fact]
    public void What_if_and_assessment_follow_the_same_rule()
    {
        var logs = new[] { Verified("C").Watch(VisitDue.AddMilliseconds(2)).Events, Verified("D").Evaluate(VisitDue.AddMilliseconds(2), 4).Events };
        var result = WhatIfResult.Of(logs, SampleRules.Policy, SampleRules.Policy, SampleRules.Catalogue,
            "JY", Local(0, 0), Local(0, 0, day: 27), KpiGrouping.Grid, Local(0, 0, day: 27));

        result.Actual.Total.ClosedOnTime.Should().Be(new KpiRatio(1, 2), "C (clock, at due) on time, D (answered 2 ms late) late");
        result.Alternative.Total.ClosedOnTime.Should().Be(new KpiRatio(1, 2), "the rerun judges the clock's close by the same rule");
        // The assessment (考核) scores from the same KpiSet: for C alone every rate with data is 1 (gridded, dispatch,
        // handled, closed on time 1/1; rework and extension 0/1 count as 1 − 0; no satisfaction, no weight) → 100.
        Grains.Assessment.AssessmentScore.Of(Kpis(Verified("C").Watch(VisitDue.AddMilliseconds(2))), new Grains.Assessment.AssessmentWeights())
            .Should().Be(100);
    }
}
