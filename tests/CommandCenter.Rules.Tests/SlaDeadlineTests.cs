using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using Microsoft.Extensions.Time.Testing;
using static CommandCenter.Rules.Tests.Jiangyin;
using static CommandCenter.Rules.Tests.TestPolicies;

namespace CommandCenter.Rules.Tests;

/// <summary>2026-03-02 is a Monday; office hours 08:30–12:00 and 13:30–17:30; warnings at 80 %.</summary>
[Trait("Category", "Unit")]
public class SlaDeadlineTests
{
    private static SlaDeadline GridFromTen() => Policy.Start(SlaStep.Grid, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 2, 10, 0));

    [Fact]
    public void A_clock_deadline_warns_at_eighty_percent_and_falls_due_at_the_limit()
    {
        var deadline = GridFromTen();

        deadline.Should().Be(new SlaDeadline(SlaStep.Grid, At(2026, 3, 2, 10, 0), At(2026, 3, 2, 10, 24), At(2026, 3, 2, 10, 30),
            At(2026, 3, 2, 10, 30), SlaDuration.Parse("30m")));
    }

    [Fact]
    public void The_light_turns_yellow_exactly_at_eighty_percent_of_clock_time()
    {
        var deadline = GridFromTen();

        SlaLightRule.LightOf(deadline, At(2026, 3, 2, 10, 0)).Should().Be(SlaLight.Green);
        SlaLightRule.LightOf(deadline, At(2026, 3, 2, 10, 24).AddTicks(-1)).Should().Be(SlaLight.Green);
        SlaLightRule.LightOf(deadline, At(2026, 3, 2, 10, 24)).Should().Be(SlaLight.Yellow);
    }

    [Fact]
    public void The_light_turns_red_exactly_at_the_clock_limit()
    {
        var deadline = GridFromTen();

        SlaLightRule.LightOf(deadline, At(2026, 3, 2, 10, 30).AddTicks(-1)).Should().Be(SlaLight.Yellow);
        SlaLightRule.LightOf(deadline, At(2026, 3, 2, 10, 30)).Should().Be(SlaLight.Red);
        SlaLightRule.LightOf(deadline, At(2026, 3, 9, 10, 30)).Should().Be(SlaLight.Red);
    }

    [Fact]
    public void A_working_time_deadline_warns_and_falls_due_in_office_hours()
    {
        // 8 working hours from Monday 15:00: 2.5 h on Monday, 5.5 h on Tuesday (3.5 h to 12:00, 2 h from 13:30).
        // 80 % is 6.4 h: 2.5 h on Monday, 3.9 h on Tuesday (3.5 h to 12:00, 24 min from 13:30).
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 2, 15, 0));

        deadline.WarnAt.Should().Be(At(2026, 3, 3, 13, 54));
        deadline.DueAt.Should().Be(At(2026, 3, 3, 15, 30));
        deadline.Limit.Should().Be(new SlaDuration(TimeSpan.FromHours(8), Working: true));
    }

    [Fact]
    public void The_light_turns_yellow_and_red_exactly_at_the_working_time_instants()
    {
        // The 8-working-hour instants above, on a step that turns red at its deadline (an unanswered return visit
        // closes at its due instant instead: see the last line).
        var visit = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 2, 15, 0));
        var deadline = visit with { Step = SlaStep.Verify };

        SlaLightRule.LightOf(deadline, At(2026, 3, 3, 12, 30)).Should().Be(SlaLight.Green, "the lunch break does not count");
        SlaLightRule.LightOf(deadline, At(2026, 3, 3, 13, 54).AddTicks(-1)).Should().Be(SlaLight.Green);
        SlaLightRule.LightOf(deadline, At(2026, 3, 3, 13, 54)).Should().Be(SlaLight.Yellow);
        SlaLightRule.LightOf(deadline, At(2026, 3, 3, 15, 30).AddTicks(-1)).Should().Be(SlaLight.Yellow);
        SlaLightRule.LightOf(deadline, At(2026, 3, 3, 15, 30)).Should().Be(SlaLight.Red);
        SlaLightRule.LightOf(visit, At(2026, 3, 3, 15, 30)).Should().Be(SlaLight.None, "the unanswered visit closed at its due instant");
    }

    [Fact]
    public void A_working_deadline_started_at_the_weekend_starts_counting_on_monday()
    {
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 8, 20, 0));

        deadline.StartedAt.Should().Be(At(2026, 3, 8, 20, 0));
        // 8 h is the 7.5 h of Monday and 30 min of Tuesday; 6.4 h is Monday 08:30 + 3.5 h + 2 h 54 min.
        deadline.WarnAt.Should().Be(At(2026, 3, 9, 16, 24));
        deadline.DueAt.Should().Be(At(2026, 3, 10, 9, 0));
    }

    [Fact]
    public void Handling_an_event_gets_its_category_limit_in_working_time()
    {
        // E0102 has 4 working hours: Monday 11:00 + 1 h to 12:00 + 3 h from 13:30.
        var deadline = Policy.Start(SlaStep.Handle, E0102, Priority.Normal, GridArea.Rural, At(2026, 3, 2, 11, 0));

        deadline.DueAt.Should().Be(At(2026, 3, 2, 16, 30));
    }

    [Fact]
    public void The_light_changes_as_a_fake_clock_advances()
    {
        var clock = new FakeTimeProvider(At(2026, 3, 2, 10, 0));
        var deadline = Policy.Start(SlaStep.Grid, E0102, Priority.Urgent, GridArea.Urban, clock.GetUtcNow());

        SlaLightRule.LightOf(deadline, clock.GetUtcNow()).Should().Be(SlaLight.Green);
        clock.Advance(TimeSpan.FromMinutes(8));
        SlaLightRule.LightOf(deadline, clock.GetUtcNow()).Should().Be(SlaLight.Yellow);
        clock.Advance(TimeSpan.FromMinutes(2));
        SlaLightRule.LightOf(deadline, clock.GetUtcNow()).Should().Be(SlaLight.Red);
    }

    [Fact]
    public void Suspension_carries_the_remaining_clock_time_to_the_resumption()
    {
        // Suspended at 10:10: 14 min were left to the warning and 20 min to the deadline.
        var resumed = Policy.Resume(GridFromTen(), At(2026, 3, 2, 10, 10), At(2026, 3, 2, 11, 0));

        resumed.WarnAt.Should().Be(At(2026, 3, 2, 11, 14));
        resumed.DueAt.Should().Be(At(2026, 3, 2, 11, 20));
        resumed.OriginalDueAt.Should().Be(At(2026, 3, 2, 10, 30));
        resumed.StartedAt.Should().Be(At(2026, 3, 2, 10, 0));
    }

    [Fact]
    public void A_warning_that_had_passed_before_the_suspension_stays_where_it_was()
    {
        var resumed = Policy.Resume(GridFromTen(), At(2026, 3, 2, 10, 26), At(2026, 3, 2, 12, 0));

        resumed.WarnAt.Should().Be(At(2026, 3, 2, 10, 24));
        resumed.DueAt.Should().Be(At(2026, 3, 2, 12, 4));
    }

    [Fact]
    public void A_deadline_that_had_passed_before_the_suspension_stays_breached()
    {
        var resumed = Policy.Resume(GridFromTen(), At(2026, 3, 2, 11, 0), At(2026, 3, 2, 15, 0));

        resumed.DueAt.Should().Be(At(2026, 3, 2, 10, 30));
        SlaLightRule.LightOf(resumed, At(2026, 3, 2, 15, 0)).Should().Be(SlaLight.Red);
    }

    [Fact]
    public void Suspension_carries_the_remaining_working_time_over_a_weekend()
    {
        // 8 working hours from Thursday 16:30 end on Friday 17:00 (1 h on Thursday, 7 h on Friday); the
        // warning at 6.4 h is Friday 15:24. Suspended Friday 16:00 with 1 working hour left, resumed
        // Monday 10:00: due Monday 11:00; the warning had passed and stays.
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 5, 16, 30));
        deadline.DueAt.Should().Be(At(2026, 3, 6, 17, 0));
        deadline.WarnAt.Should().Be(At(2026, 3, 6, 15, 24));

        var resumed = Policy.Resume(deadline, At(2026, 3, 6, 16, 0), At(2026, 3, 9, 10, 0));

        resumed.DueAt.Should().Be(At(2026, 3, 9, 11, 0));
        resumed.WarnAt.Should().Be(At(2026, 3, 6, 15, 24));
        resumed.OriginalDueAt.Should().Be(At(2026, 3, 6, 17, 0));
    }

    [Fact]
    public void Working_time_left_at_suspension_skips_the_lunch_break_after_resumption()
    {
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 5, 16, 30));

        var resumed = Policy.Resume(deadline, At(2026, 3, 6, 16, 0), At(2026, 3, 9, 11, 30));

        resumed.DueAt.Should().Be(At(2026, 3, 9, 14, 0));
    }

    [Fact]
    public void Suspension_moves_a_working_time_warning_that_had_not_yet_come()
    {
        // Suspended Friday 09:00 after 1.5 working hours: 4.9 h left to the warning, 6.5 h to the deadline.
        // Resumed Monday 08:30: warning 08:30 + 3.5 h + 1 h 24 min = 14:54, deadline 08:30 + 3.5 h + 3 h = 16:30.
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 5, 16, 30));

        var resumed = Policy.Resume(deadline, At(2026, 3, 6, 9, 0), At(2026, 3, 9, 8, 30));

        resumed.WarnAt.Should().Be(At(2026, 3, 9, 14, 54));
        resumed.DueAt.Should().Be(At(2026, 3, 9, 16, 30));
    }

    [Fact]
    public void A_suspension_outside_office_hours_loses_no_working_time()
    {
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 5, 16, 30));

        // Suspended Thursday night, resumed Friday 08:30: nothing of the working day went by.
        Policy.Resume(deadline, At(2026, 3, 5, 20, 0), At(2026, 3, 6, 8, 30)).Should().Be(deadline);
    }

    [Fact]
    public void Resuming_before_suspending_is_refused()
    {
        var resume = () => Policy.Resume(GridFromTen(), At(2026, 3, 2, 10, 10), At(2026, 3, 2, 10, 5));
        resume.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_extension_moves_the_deadline_recomputes_the_warning_and_keeps_the_original()
    {
        // 80 % of the new span 10:00–11:00 is 10:48.
        var extended = Policy.Extend(GridFromTen(), At(2026, 3, 2, 11, 0));

        extended.DueAt.Should().Be(At(2026, 3, 2, 11, 0));
        extended.WarnAt.Should().Be(At(2026, 3, 2, 10, 48));
        extended.OriginalDueAt.Should().Be(At(2026, 3, 2, 10, 30));
        SlaLightRule.LightOf(extended, At(2026, 3, 2, 10, 30)).Should().Be(SlaLight.Green);
    }

    [Fact]
    public void An_extension_of_a_working_time_deadline_recomputes_the_warning_in_working_time()
    {
        // 8 working hours from Monday 08:30 end on Tuesday 09:00. From Monday 08:30 the new span to
        // Tuesday 17:30 is 15 working hours; 80 % is 12 h: 7.5 h on Monday, 4.5 h on Tuesday (3.5 h to 12:00, 1 h from 13:30).
        var deadline = Policy.Start(SlaStep.Evaluate, E0102, Priority.Normal, GridArea.Urban, At(2026, 3, 2, 8, 30));
        deadline.DueAt.Should().Be(At(2026, 3, 3, 9, 0));

        var extended = Policy.Extend(deadline, At(2026, 3, 3, 17, 30));

        extended.WarnAt.Should().Be(At(2026, 3, 3, 14, 30));
        extended.DueAt.Should().Be(At(2026, 3, 3, 17, 30));
        extended.OriginalDueAt.Should().Be(At(2026, 3, 3, 9, 0));
    }

    [Fact]
    public void An_extension_must_end_after_the_current_deadline()
    {
        var same = () => Policy.Extend(GridFromTen(), At(2026, 3, 2, 10, 30));
        var earlier = () => Policy.Extend(GridFromTen(), At(2026, 3, 2, 10, 20));

        same.Should().Throw<ArgumentException>().WithMessage("*after the current deadline*");
        earlier.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Extending_after_a_suspension_still_keeps_the_first_promise()
    {
        var resumed = Policy.Resume(GridFromTen(), At(2026, 3, 2, 10, 10), At(2026, 3, 2, 11, 0));

        var extended = Policy.Extend(resumed, At(2026, 3, 2, 12, 0));

        extended.OriginalDueAt.Should().Be(At(2026, 3, 2, 10, 30));
        extended.DueAt.Should().Be(At(2026, 3, 2, 12, 0));
    }
}
