using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Rules.Tests.Desk;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Members;

/// <summary>
/// The escalation ladder reaches its people: each breach climbs one rung and notifies the person the rung names
/// (the grid's 网格长, the town's 督查员, the parent grid's 网格长, then the command center's walls); an escalation
/// notice nobody read is sent again once, after the policy's delay, to the same person.
/// </summary>
[Trait("Category", "Unit")]
public class EscalationLadderTests
{
    // The incident is in block JY01-01-01 (DeskIncident.Urban): village JY01-01, town JY01.
    private static readonly MemberProfile[] Team =
    [
        new("M00010", "网格长甲", MemberRole.GridLeader, "JY01-01", Employment.FullTime, null),
        new("M00009", "镇网格长", MemberRole.GridLeader, "JY01", Employment.FullTime, null),
        new("M00001", "督查员甲", MemberRole.Supervisor, "JY01", Employment.FullTime, null),
        new("M00042", "网格员甲", MemberRole.GridWorker, "JY01-01-01", Employment.FullTime, null),
        new("M00099", "别村网格长", MemberRole.GridLeader, "JY01-02", Employment.FullTime, null),
    ];

    private static readonly EscalationLadder Ladder = EscalationLadder.Of(DeskIncident.Urban.Chain, Team);

    [Fact]
    public void The_ladder_names_the_grids_leader_the_towns_inspector_and_the_leader_one_level_up()
    {
        Ladder.Should().Be(new EscalationLadder("M00010", "M00009", "M00001"));
        EscalationLadder.Of(DeskIncident.Urban.Chain, Team.Where(m => m.Id != "M00009")).ParentGridLeader.Should().BeNull("nobody leads the town");
    }

    [Fact]
    public void Every_rung_notifies_the_person_it_names_and_the_last_one_nobody_in_person()
    {
        var incident = new DeskIncident();
        string? Breach(DateTimeOffset at)
        {
            var due = IncidentLifecycle.Watch(incident.State, at, SampleRules.ExposedRubbish, Ladder);
            incident.Events.AddRange(due);
            return due.Single(e => e.Action == IncidentAction.Escalate).NotifiedMemberId;
        }

        // Dispatch late (30 min limit): the 网格长 of the grid.
        Breach(DeskIncident.T0.AddMinutes(31)).Should().Be("M00010");
        incident.State.Rung.Should().Be(EscalationRung.GridLeader);
        // Accept late (15 min): the 督查员 of the town.
        incident.Do(IncidentAction.Dispatch, DeskIncident.Operator, DeskIncident.T0.AddMinutes(32), c => c with { MemberId = "M00042" });
        Breach(DeskIncident.T0.AddMinutes(48)).Should().Be("M00001");
        // Handling late: the 网格长 one level up.
        incident.Do(IncidentAction.Accept, DeskIncident.Worker, DeskIncident.T0.AddMinutes(49));
        var handleDue = incident.State.Active!.Deadline.DueAt;
        Breach(handleDue.AddMinutes(1)).Should().Be("M00009");
        // Verification late: the command center, whose walls show the breach; nobody in person.
        incident.Do(IncidentAction.Resolve, DeskIncident.Worker, handleDue.AddMinutes(2), c => c with { Note = "已清运" });
        var verifyDue = incident.State.Active!.Deadline.DueAt;
        Breach(verifyDue.AddMinutes(1)).Should().BeNull();
        incident.State.Rung.Should().Be(EscalationRung.CommandCenter);
    }

    [Fact]
    public void An_unread_escalation_notice_is_sent_again_once_after_the_delay_and_a_read_one_is_not()
    {
        var incident = new DeskIncident();
        var breach = IncidentLifecycle.Watch(incident.State, DeskIncident.T0.AddMinutes(31), SampleRules.ExposedRubbish, Ladder);
        incident.Events.AddRange(breach);
        var notice = incident.State.Notices.Single(n => n.Kind == "breach");
        var delay = SampleRules.ExposedRubbish.Policy.ResendUnreadAfter;

        IncidentLifecycle.Watch(incident.State, notice.SentAt + delay - TimeSpan.FromSeconds(1), SampleRules.ExposedRubbish, Ladder).Should().BeEmpty();
        IncidentLifecycle.NextWake(incident.State, delay).Should().Be(notice.SentAt + delay);
        var again = IncidentLifecycle.Watch(incident.State, notice.SentAt + delay, SampleRules.ExposedRubbish, Ladder);
        again.Should().ContainSingle(e => e.Action == IncidentAction.Remind && e.NotifiedMemberId == "M00010" && e.NoticeSequence == notice.Sequence);
        incident.Events.AddRange(again);
        IncidentLifecycle.Watch(incident.State, notice.SentAt + delay * 3, SampleRules.ExposedRubbish, Ladder).Should().BeEmpty("it is sent again once");

        var read = new DeskIncident();
        read.Events.AddRange(IncidentLifecycle.Watch(read.State, DeskIncident.T0.AddMinutes(31), SampleRules.ExposedRubbish, Ladder));
        var sent = read.State.Notices.Single(n => n.Kind == "breach");
        read.Do(IncidentAction.ReadNotice, new Actor("M00010", Grains.Accounts.Roles.GridLeader, "M00010"), sent.SentAt.AddMinutes(1), c => c with { NoticeSequence = sent.Sequence })
            .Accepted.Should().BeTrue("the 网格长 the notice reached reads it");
        IncidentLifecycle.Watch(read.State, sent.SentAt + delay * 2, SampleRules.ExposedRubbish, Ladder).Should().NotContain(e => e.Action == IncidentAction.Remind);
    }
}
