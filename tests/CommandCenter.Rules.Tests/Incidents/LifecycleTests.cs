using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Incidents;

/// <summary>The nine-step loop and its side paths on explicit instants (no clock is read).</summary>
[Trait("Category", "Unit")]
public class LifecycleTests
{
    // Tuesday 24 Nov 2026, 09:00 in Jiangyin (UTC+8): inside office hours.
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("operator1", Roles.Operator);
    private static readonly Actor Supervisor = new("supervisor1", Roles.Supervisor);
    private static readonly Actor Worker = new("M00042", Roles.Worker, "M00042");
    private static readonly Actor OtherWorker = new("M00043", Roles.Worker, "M00043");
    private static readonly GridPlacement Urban = new("JY01-01-01", ["JY01-01-01", "JY01-01", "JY01", "JY"], GridArea.Urban);
    private static readonly SlaRules Rules = SampleRules.ExposedRubbish;

    private sealed class Incident
    {
        public List<IncidentEvent> Events { get; } = [];
        public IncidentState State => IncidentState.Fold(Events);

        public Incident(Priority priority = Priority.Normal, GridPlacement? placement = null, DateTimeOffset? at = null)
        {
            var report = new IncidentReport("E0102", priority, "垃圾堆在路边", "hotline", 31.9, 120.28);
            Events.AddRange(IncidentLifecycle.Report("JY-20261124-000001", report, placement, Operator, at ?? T0, Rules));
        }

        public ActionOutcome Do(IncidentAction action, Actor actor, DateTimeOffset at, Func<IncidentCommand, IncidentCommand>? fill = null)
        {
            var outcome = IncidentLifecycle.Decide(State, (fill ?? (c => c))(new IncidentCommand(action)), actor, at, Rules);
            Events.AddRange(outcome.Events);
            return outcome;
        }

        public IReadOnlyList<IncidentEvent> Watch(DateTimeOffset at)
        {
            var due = IncidentLifecycle.Watch(State, at, Rules);
            Events.AddRange(due);
            return due;
        }
    }

    [Fact]
    public void An_incident_walks_all_nine_steps_and_closes_itself_after_the_return_visit()
    {
        var incident = new Incident();
        incident.State.Status.Should().Be(IncidentStatus.Reported);
        incident.State.Step.Should().Be(1);

        incident.Do(IncidentAction.Locate, Operator, T0.AddMinutes(5), c => c with { Placement = Urban }).Accepted.Should().BeTrue();
        incident.State.Step.Should().Be(2);
        incident.Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(10), c => c with { MemberId = Worker.MemberId }).Accepted.Should().BeTrue();
        incident.State.Step.Should().Be(3);
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(15)).Accepted.Should().BeTrue();
        incident.State.Status.Should().Be(IncidentStatus.Handling);
        incident.Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "清运完毕" }).Accepted.Should().BeTrue();
        incident.State.Status.Should().Be(IncidentStatus.Handled);
        incident.State.Step.Should().Be(4);
        incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = true }).Accepted.Should().BeTrue();
        incident.State.Step.Should().Be(5);
        var evaluation = incident.Do(IncidentAction.Evaluate, Operator, T0.AddHours(2), c => c with { Satisfaction = 5 });

        evaluation.Events.Select(e => e.Action).Should().Equal(IncidentAction.Evaluate, IncidentAction.Assess, IncidentAction.File);
        incident.State.Status.Should().Be(IncidentStatus.Filed);
        incident.State.Step.Should().Be(8);
        incident.State.Score.Should().Be(100, "no breach, rework or return, and a happy citizen: the score is capped at 100");
        incident.State.Active.Should().BeNull();

        incident.Do(IncidentAction.Archive, Actor.System, T0.AddDays(1)).Accepted.Should().BeTrue();
        incident.State.Step.Should().Be(9);
        incident.Events.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, incident.Events.Count));
    }

    [Fact]
    public void A_report_with_a_position_is_located_at_once_and_its_dispatch_clock_starts()
    {
        var incident = new Incident(placement: Urban);

        incident.State.Status.Should().Be(IncidentStatus.Gridded);
        incident.State.Active!.Deadline.Step.Should().Be(SlaStep.Dispatch);
        incident.State.Active.Deadline.DueAt.Should().Be(T0.AddMinutes(30));
        incident.State.History.Should().HaveCount(2, "the grid step was met at once");
    }

    [Fact]
    public void An_action_not_possible_now_is_refused_naming_the_state_and_what_is_allowed()
    {
        var incident = new Incident(placement: Urban);

        var outcome = incident.Do(IncidentAction.Evaluate, Operator, T0, c => c with { Satisfaction = 5 });

        outcome.Rejection!.Kind.Should().Be(RejectionKind.IllegalState);
        outcome.Rejection.CurrentState.Should().Be("gridded");
        outcome.Rejection.AllowedNow.Should().Equal(["dispatch", "split", "cancel", "supervise"], "what this operator may do now");
        incident.Do(IncidentAction.Accept, Worker, T0).Rejection!.AllowedNow.Should().BeEmpty("an unassigned worker may do nothing on it");
        incident.Events.Should().HaveCount(2, "nothing was written");
    }

    [Fact]
    public void Roles_that_may_not_act_are_forbidden_and_only_the_assignee_works_the_case()
    {
        var incident = new Incident(placement: Urban);

        incident.Do(IncidentAction.Dispatch, Worker, T0, c => c with { MemberId = "M00042" }).Rejection!.Kind.Should().Be(RejectionKind.Forbidden);
        incident.Do(IncidentAction.Dispatch, Operator, T0, c => c with { MemberId = "M00042" }).Accepted.Should().BeTrue();
        incident.Do(IncidentAction.Accept, OtherWorker, T0).Rejection!.Kind.Should().Be(RejectionKind.Forbidden);
        incident.Do(IncidentAction.Verify, Operator, T0).Rejection!.Kind.Should().Be(RejectionKind.Forbidden);
        incident.Do(IncidentAction.Accept, new Actor("admin", Roles.Admin), T0).Accepted.Should().BeTrue("admins may do all");
    }

    [Theory]
    [InlineData(IncidentAction.Resolve, "note")]
    [InlineData(IncidentAction.RequestExtension, "dueAt")]
    [InlineData(IncidentAction.Return, "note")]
    public void A_missing_required_field_is_named(IncidentAction action, string field)
    {
        var incident = Handling();

        var outcome = incident.Do(action, Worker, T0.AddMinutes(20));

        outcome.Rejection!.Kind.Should().Be(RejectionKind.Invalid);
        outcome.Rejection.Field.Should().Be(field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Satisfaction_must_be_one_to_five(int satisfaction)
    {
        var incident = Handling();
        incident.Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "done" });
        incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.2), c => c with { Passed = true });

        incident.Do(IncidentAction.Evaluate, Operator, T0.AddHours(2), c => c with { Satisfaction = satisfaction }).Rejection!.Field.Should().Be("satisfaction");
    }

    [Fact]
    public void An_undispatched_urgent_incident_turns_yellow_at_eighty_percent_and_red_at_its_limit_escalating_once()
    {
        var incident = new Incident(Priority.Urgent, Urban);      // dispatch limit: 10 min

        incident.Watch(T0.AddMinutes(8).AddTicks(-1)).Should().BeEmpty();
        incident.Watch(T0.AddMinutes(8)).Single().Action.Should().Be(IncidentAction.Warn);
        SlaLightRule.LightOf(incident.State.Active!.Deadline, T0.AddMinutes(8)).Should().Be(SlaLight.Yellow);
        incident.Watch(T0.AddMinutes(9)).Should().BeEmpty("the warning is given once");

        var breach = incident.Watch(T0.AddMinutes(10)).Single();
        breach.Action.Should().Be(IncidentAction.Escalate);
        breach.Rung.Should().Be(EscalationRung.GridLeader);
        breach.Step.Should().Be(SlaStep.Dispatch);
        incident.Watch(T0.AddMinutes(10)).Should().BeEmpty("a doubled tick changes nothing");
        incident.Watch(T0.AddHours(5)).Should().BeEmpty("a late tick changes nothing either");
        incident.State.Active!.Deadline.DueAt.Should().Be(T0.AddMinutes(10), "the breach keeps the deadline on record");
    }

    [Fact]
    public void Each_breached_step_climbs_one_rung()
    {
        var incident = new Incident(Priority.Urgent, Urban);
        incident.Watch(T0.AddMinutes(11));                                                             // dispatch late: grid leader
        incident.Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(12), c => c with { MemberId = "M00042" });
        incident.Watch(T0.AddMinutes(40));                                                             // accept late (15 min): supervisor

        incident.State.Rung.Should().Be(EscalationRung.Supervisor);
        incident.Events.Count(e => e.Action == IncidentAction.Escalate).Should().Be(2);
    }

    [Fact]
    public void A_late_warning_and_breach_together_only_escalate()
    {
        var incident = new Incident(Priority.Urgent, Urban);

        incident.Watch(T0.AddHours(3)).Select(e => e.Action).Should().Equal(IncidentAction.Escalate);
        incident.State.Active!.Warned.Should().BeTrue();
    }

    [Fact]
    public void Suspension_stops_the_clock_and_resumption_carries_the_remaining_time_exactly()
    {
        var incident = new Incident(placement: Urban);                                                // dispatch due T0 + 30 min
        incident.Do(IncidentAction.Suspend, Supervisor, T0.AddMinutes(10), c => c with { Note = "等待产权单位确认" });
        incident.Watch(T0.AddHours(3)).Should().BeEmpty("a parked incident's clock is stopped");

        incident.Do(IncidentAction.Resume, Supervisor, T0.AddHours(3)).Accepted.Should().BeTrue();

        incident.State.Status.Should().Be(IncidentStatus.Gridded);
        incident.State.Active!.Deadline.DueAt.Should().Be(T0.AddHours(3).AddMinutes(20), "20 minutes were left when it was parked");
        incident.State.Active.Deadline.OriginalDueAt.Should().Be(T0.AddMinutes(30));
    }

    [Fact]
    public void An_approved_extension_moves_the_deadline_and_a_refused_one_does_not()
    {
        var incident = Handling();
        var due = incident.State.Active!.Deadline.DueAt;
        var asked = due.AddDays(2);

        incident.Do(IncidentAction.RequestExtension, Worker, T0.AddMinutes(30), c => c with { RequestedDueAt = asked, Note = "需要专业设备" }).Accepted.Should().BeTrue();
        incident.Do(IncidentAction.DecideExtension, Supervisor, T0.AddMinutes(40), c => c with { Approved = false }).Accepted.Should().BeTrue();
        incident.State.Active!.Deadline.DueAt.Should().Be(due);
        incident.Do(IncidentAction.DecideExtension, Supervisor, T0.AddMinutes(41), c => c with { Approved = true })
            .Rejection!.Kind.Should().Be(RejectionKind.IllegalState, "no request is pending any more");

        incident.Do(IncidentAction.RequestExtension, Worker, T0.AddMinutes(50), c => c with { RequestedDueAt = asked, Note = "需要专业设备" });
        incident.Do(IncidentAction.DecideExtension, Supervisor, T0.AddMinutes(55), c => c with { Approved = true }).Accepted.Should().BeTrue();

        incident.State.Active!.Deadline.DueAt.Should().Be(asked);
        incident.State.Active.Deadline.OriginalDueAt.Should().Be(due);
        incident.State.Extensions.Should().Be(1);
    }

    [Fact]
    public void A_failed_verification_sends_the_work_back_with_a_new_handling_clock()
    {
        var incident = Handling();
        incident.Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "done" });

        incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = false }).Rejection!.Field.Should().Be("note");
        incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = false, Note = "仍有垃圾" }).Accepted.Should().BeTrue();

        incident.State.Status.Should().Be(IncidentStatus.Handling);
        incident.State.Reworks.Should().Be(1);
        incident.State.Active!.Deadline.Step.Should().Be(SlaStep.Handle);
        incident.State.Active.Deadline.StartedAt.Should().Be(T0.AddHours(1.5));
        incident.State.AssigneeId.Should().Be("M00042");
    }

    [Fact]
    public void A_return_goes_back_to_dispatch_without_an_assignee()
    {
        var incident = Handling();

        incident.Do(IncidentAction.Return, Worker, T0.AddMinutes(30), c => c with { Note = "不属于本网格" }).Accepted.Should().BeTrue();

        incident.State.Status.Should().Be(IncidentStatus.Gridded);
        incident.State.AssigneeId.Should().BeNull();
        incident.State.Returns.Should().Be(1);
        incident.State.Active!.Deadline.Step.Should().Be(SlaStep.Dispatch);
    }

    [Fact]
    public void A_cancelled_report_stops_its_clock_and_allows_nothing_more()
    {
        var incident = new Incident();

        incident.Do(IncidentAction.Cancel, Operator, T0.AddMinutes(1), c => c with { Note = "重复上报" }).Accepted.Should().BeTrue();

        incident.State.Status.Should().Be(IncidentStatus.Cancelled);
        incident.State.Active.Should().BeNull();
        IncidentLifecycle.AllowedIn(incident.State).Should().BeEmpty();
        incident.Watch(T0.AddDays(3)).Should().BeEmpty();
    }

    [Fact]
    public void An_unanswered_return_visit_closes_the_loop_when_its_limit_runs_out()
    {
        var incident = Handling();
        incident.Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "done" });
        incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = true });
        var due = incident.State.Active!.Deadline.DueAt;                                               // one working day

        incident.Watch(due).Select(e => e.Action).Should().Equal(IncidentAction.Evaluate, IncidentAction.Assess, IncidentAction.File);

        incident.State.Status.Should().Be(IncidentStatus.Filed);
        incident.State.Satisfaction.Should().BeNull();
        incident.State.Score.Should().Be(100);
    }

    [Fact]
    public void Handling_time_is_counted_in_working_hours()
    {
        var incident = Handling();                          // accepted Tuesday 09:15 local; 暴露垃圾 has 4 working hours

        // 09:15–12:00 is 2 h 45 min; the lunch break (12:00–13:30) does not count; 1 h 15 min more ends at 14:45 local.
        incident.State.Active!.Deadline.DueAt.Should().Be(new DateTimeOffset(2026, 11, 24, 14, 45, 0, TimeSpan.FromHours(8)));
    }

    private static Incident Handling()
    {
        var incident = new Incident(placement: Urban);
        incident.Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(5), c => c with { MemberId = "M00042" });
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(15)).Accepted.Should().BeTrue();
        return incident;
    }

    [Fact]
    public void Each_sub_task_of_a_joint_handling_has_its_own_clock_and_breaches_once()
    {
        var incident = new Incident(placement: Urban);
        incident.Do(IncidentAction.Split, Operator, T0.AddMinutes(5), c => c with
        {
            Tasks = [new TaskPlan(Platform.LawEnforcement, "M00042"), new TaskPlan(Platform.MarketSupervision, "M00043")],
        }).Accepted.Should().BeTrue();
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(6), c => c with { TaskId = "T1" });
        incident.Do(IncidentAction.Resolve, Worker, T0.AddMinutes(30), c => c with { TaskId = "T1", Note = "done" });
        var due = incident.State.SubTasks.Single(t => t.TaskId == "T2").Deadline.Deadline.DueAt;

        var breach = incident.Watch(due);

        breach.Should().Contain(e => e.Action == IncidentAction.Escalate && e.TaskId == "T2" && e.NotifiedMemberId == "M00043");
        breach.Should().NotContain(e => e.TaskId == "T1", "a finished task's clock has stopped");
        incident.Watch(due.AddMinutes(1)).Where(e => e.TaskId == "T2").Should().BeEmpty();
        incident.State.SubTasks.Single(t => t.TaskId == "T2").Deadline.Breached.Should().BeTrue();
        incident.State.Status.Should().Be(IncidentStatus.Handling);
    }
}
