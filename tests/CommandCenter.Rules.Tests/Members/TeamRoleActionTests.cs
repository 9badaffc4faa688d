using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Rules.Tests.Desk;

namespace CommandCenter.Rules.Tests.Members;

/// <summary>一长五员 in the action table: what each member's role may do on a case, and only on its own where it must.</summary>
[Trait("Category", "Unit")]
public class TeamRoleActionTests
{
    private static readonly Actor Leader = new("M00010", Roles.GridLeader, "M00010");
    private static readonly Actor Inspector = new("M00001", Roles.Inspector, "M00001");
    private static readonly Actor Informant = new("M00062", Roles.Informant, "M00062");

    private static IReadOnlyList<string> Offered(IncidentState state, Actor actor) =>
        IncidentActions.AllowedFor(state, actor).Select(r => r.Word).ToList();

    [Theory]
    [InlineData(MemberRole.GridLeader, Roles.GridLeader)]
    [InlineData(MemberRole.GridWorker, Roles.Worker)]
    [InlineData(MemberRole.Patroller, Roles.Worker)]
    [InlineData(MemberRole.Supervisor, Roles.Inspector)]
    [InlineData(MemberRole.Informant, Roles.Informant)]
    [InlineData(MemberRole.Liaison, Roles.Liaison)]
    public void Each_member_signs_in_with_the_role_of_its_duty(MemberRole duty, string role)
    {
        Roles.OfMember(duty).Should().Be(role);
        Roles.IsMember(role).Should().BeTrue();
        Roles.MayReport(role).Should().BeTrue("every member reports what it sees");
    }

    [Fact]
    public void A_grid_leader_re_dispatches_and_presses_but_does_not_handle_a_case_that_is_not_its_own()
    {
        var incident = new DeskIncident();
        incident.Do(IncidentAction.Dispatch, DeskIncident.Operator, DeskIncident.T0.AddMinutes(1), c => c with { MemberId = "M00042" });

        Offered(incident.State, Leader).Should().Contain(["dispatch", "supervise"]).And.NotContain(["accept", "resolve", "verify", "cancel"]);
    }

    [Fact]
    public void A_member_dispatched_a_case_handles_it_whatever_its_role()
    {
        var incident = new DeskIncident();
        incident.Do(IncidentAction.Dispatch, DeskIncident.Operator, DeskIncident.T0.AddMinutes(1), c => c with { MemberId = "M00010" });

        Offered(incident.State, Leader).Should().Contain("accept");
        incident.Do(IncidentAction.Accept, Leader, DeskIncident.T0.AddMinutes(2)).Accepted.Should().BeTrue();
        Offered(incident.State, Leader).Should().Contain(["resolve", "return", "request-extension"]);
    }

    [Fact]
    public void An_inspector_verifies_a_handled_case_and_an_informant_only_reports()
    {
        var incident = new DeskIncident();
        incident.Do(IncidentAction.Dispatch, DeskIncident.Operator, DeskIncident.T0.AddMinutes(1), c => c with { MemberId = "M00042" });
        incident.Do(IncidentAction.Accept, DeskIncident.Worker, DeskIncident.T0.AddMinutes(2));
        incident.Do(IncidentAction.Resolve, DeskIncident.Worker, DeskIncident.T0.AddMinutes(3), c => c with { Note = "已清理" });

        Offered(incident.State, Inspector).Should().Contain(["verify", "supervise"]);
        Offered(incident.State, Informant).Should().BeEmpty();
        incident.Do(IncidentAction.Verify, Inspector, DeskIncident.T0.AddMinutes(4), c => c with { Passed = true }).Accepted.Should().BeTrue();
    }
}
