using CommandCenter.Grains.Incidents;
using static CommandCenter.Rules.Tests.Desk.DeskIncident;

namespace CommandCenter.Rules.Tests.Desk;

/// <summary>确认告警: the desk acknowledges the incident's current SLA alert; a new alert asks for a new acknowledgement.</summary>
[Trait("Category", "Unit")]
public class AlertAcknowledgementTests
{
    [Fact]
    public void Acknowledging_is_offered_to_staff_only_while_an_alert_stands_unacknowledged()
    {
        var incident = new DeskIncident();
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeFalse("no alert yet: the dispatch clock is green");

        incident.Watch(T0.AddMinutes(25)).Select(e => e.Action).Should().Equal(IncidentAction.Warn);

        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeTrue();
        incident.Offers(IncidentAction.AcknowledgeAlert, Supervisor).Should().BeTrue();
        incident.Offers(IncidentAction.AcknowledgeAlert, Admin).Should().BeTrue();
        incident.Offers(IncidentAction.AcknowledgeAlert, Worker).Should().BeFalse();

        incident.Do(IncidentAction.AcknowledgeAlert, Supervisor, T0.AddMinutes(26)).Accepted.Should().BeTrue();

        incident.State.AlertAcknowledgedBy.Should().Be("supervisor1");
        incident.State.AlertAcknowledgedAt.Should().Be(T0.AddMinutes(26));
        incident.State.Status.Should().Be(IncidentStatus.Gridded, "acknowledging changes no state");
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeFalse("this alert is acknowledged");
        incident.Do(IncidentAction.AcknowledgeAlert, Operator, T0.AddMinutes(27)).Rejection!.Kind.Should().Be(RejectionKind.IllegalState);
    }

    [Fact]
    public void A_breach_after_an_acknowledged_warning_needs_its_own_acknowledgement()
    {
        var incident = new DeskIncident();
        incident.Watch(T0.AddMinutes(25));
        incident.Do(IncidentAction.AcknowledgeAlert, Operator, T0.AddMinutes(26));

        incident.Watch(T0.AddMinutes(31)).Select(e => e.Action).Should().Equal(IncidentAction.Escalate);

        incident.State.AlertAcknowledgedBy.Should().BeNull("the breach is a new alert");
        incident.State.AlertAcknowledgedAt.Should().BeNull();
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeTrue();
        incident.Do(IncidentAction.AcknowledgeAlert, Operator, T0.AddMinutes(32)).Accepted.Should().BeTrue();
        IncidentSummary.Of(incident.State).AlertAcknowledgedBy.Should().Be("operator1");
    }

    [Fact]
    public void The_next_steps_deadline_starts_without_an_alert_and_its_own_warning_needs_a_new_acknowledgement()
    {
        var incident = new DeskIncident();
        incident.Watch(T0.AddMinutes(31));
        incident.Do(IncidentAction.AcknowledgeAlert, Operator, T0.AddMinutes(32));

        incident.Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(33), c => c with { MemberId = Worker.MemberId }).Accepted.Should().BeTrue();

        incident.State.AlertAcknowledgedBy.Should().BeNull("the acknowledgement was for the dispatch step's alert");
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeFalse("the accept deadline has not warned");
        incident.Watch(T0.AddMinutes(33 + 13)).Select(e => e.Action).Should().Equal(IncidentAction.Warn);
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeTrue();
    }

    [Fact]
    public void A_suspension_keeps_the_acknowledgement_of_the_alert_it_froze()
    {
        var incident = new DeskIncident();
        incident.Watch(T0.AddMinutes(25));
        incident.Do(IncidentAction.AcknowledgeAlert, Operator, T0.AddMinutes(26));

        incident.Do(IncidentAction.Suspend, Supervisor, T0.AddMinutes(27), c => c with { Note = "等待业主" }).Accepted.Should().BeTrue();

        incident.State.AlertAcknowledgedBy.Should().Be("operator1", "the same alert still stands");
        incident.Offers(IncidentAction.AcknowledgeAlert, Operator).Should().BeFalse();
    }
}
