using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.Desk.DeskIncident;

namespace CommandCenter.Rules.Tests.Desk;

/// <summary>回访未接通: a return-visit call nobody answered is counted; the visit and its deadline go on as before.</summary>
[Trait("Category", "Unit")]
public class NoAnswerTests
{
    [Fact]
    public void No_answer_is_offered_to_operators_and_admins_only_while_the_visit_waits()
    {
        var incident = new DeskIncident();
        incident.Offers(IncidentAction.NoAnswer, Operator).Should().BeFalse("before verification there is no visit to make");

        incident.Verified();

        incident.Offers(IncidentAction.NoAnswer, Operator).Should().BeTrue();
        incident.Offers(IncidentAction.NoAnswer, Admin).Should().BeTrue();
        incident.Offers(IncidentAction.NoAnswer, Supervisor).Should().BeFalse();
        incident.Offers(IncidentAction.NoAnswer, Worker).Should().BeFalse();
        incident.Do(IncidentAction.NoAnswer, Supervisor, T0.AddHours(2)).Rejection!.Kind.Should().Be(RejectionKind.Forbidden);
    }

    [Fact]
    public void Each_unanswered_call_is_counted_and_the_visit_keeps_its_state_and_deadline()
    {
        var incident = new DeskIncident().Verified();
        var visit = incident.State.Active!;

        incident.Do(IncidentAction.NoAnswer, Operator, T0.AddHours(2)).Accepted.Should().BeTrue();
        incident.Do(IncidentAction.NoAnswer, Operator, T0.AddHours(3), c => c with { Note = "关机" }).Accepted.Should().BeTrue();

        var state = incident.State;
        state.ReturnVisitAttempts.Should().Be(2);
        state.LastReturnVisitAttemptAt.Should().Be(T0.AddHours(3));
        state.Status.Should().Be(IncidentStatus.Verified);
        state.Active.Should().Be(visit, "the visit's deadline keeps running as it was");
        incident.Events[^1].Note.Should().Be("关机");
        IncidentSummary.Of(state).ReturnVisitAttempts.Should().Be(2);
    }

    [Fact]
    public void The_clock_still_closes_a_visit_with_unanswered_calls_at_its_due_instant()
    {
        var incident = new DeskIncident().Verified();
        incident.Do(IncidentAction.NoAnswer, Operator, T0.AddHours(2));
        var due = incident.State.Active!.Deadline.DueAt;

        incident.Watch(due.AddMinutes(7)).Select(e => e.Action).Should().Equal(IncidentAction.Evaluate, IncidentAction.Assess, IncidentAction.File);

        var state = incident.State;
        state.VisitClosedAt.Should().Be(due, "an unanswered visit closes at its due instant, not when the clock woke");
        state.Satisfaction.Should().BeNull();
        state.ReturnVisitAttempts.Should().Be(1);
        IncidentSummary.Of(state).VisitClosedAt.Should().Be(due);
    }

    [Fact]
    public void An_answered_visit_is_not_counted_as_closed_unanswered()
    {
        var incident = new DeskIncident().Verified();
        incident.Do(IncidentAction.NoAnswer, Operator, T0.AddHours(2));

        incident.Do(IncidentAction.Evaluate, Operator, T0.AddHours(3), c => c with { Satisfaction = 4 }).Accepted.Should().BeTrue();

        incident.State.VisitClosedAt.Should().BeNull();
        incident.State.History.Last(d => d.Deadline.Step == SlaStep.Evaluate).EndedAt.Should().Be(T0.AddHours(3));
    }
}
