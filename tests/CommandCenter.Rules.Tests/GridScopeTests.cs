using CommandCenter.Grains.Access;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests;

/// <summary>The grid-scope rule on the sample city: a town desk (JY10 徐霞客镇), the city desk, and workers.</summary>
[Trait("Category", "Unit")]
public class GridScopeTests
{
    private static readonly Lazy<GridHierarchy> City = new(() =>
        GridImport.Read(File.ReadAllText(Jiangyin.SampleFile("grids.geojson"))).Hierarchy!);

    private static GridHierarchy Hierarchy => City.Value;
    private static readonly Asker TownDesk = new(Roles.Operator, ScopeGridId: "JY10");
    private static readonly Asker TownSupervisor = new(Roles.Supervisor, ScopeGridId: "JY10");
    private static readonly Asker CityDesk = new(Roles.Operator);
    private static readonly Asker Admin = new(Roles.Admin);
    private static readonly Asker Worker = new(Roles.Worker, MemberId: "M01117");

    [Fact]
    public void A_town_desk_asking_about_no_grid_is_narrowed_to_its_town()
    {
        var decision = GridScope.Subtree(Hierarchy, TownDesk, null);

        decision.Verdict.Should().Be(ScopeVerdict.Narrow);
        decision.GridId.Should().Be("JY10");
    }

    [Fact]
    public void The_city_desk_asking_about_no_grid_gets_the_whole_city()
    {
        var decision = GridScope.Subtree(Hierarchy, CityDesk, null);

        decision.Verdict.Should().Be(ScopeVerdict.Allow);
        decision.GridId.Should().BeNull();
    }

    [Theory]
    [InlineData("JY10")]
    [InlineData("JY10-01")]
    public void A_town_desk_may_ask_about_its_town_and_below(string gridId) =>
        GridScope.Subtree(Hierarchy, TownSupervisor, gridId).Should().Be(ScopeDecision.Allow(gridId));

    [Theory]
    [InlineData("JY01")]
    [InlineData("JY01-01")]
    [InlineData("JY")]
    public void A_town_desk_asking_about_another_town_or_the_city_is_refused_naming_its_scope(string gridId)
    {
        var decision = GridScope.Subtree(Hierarchy, TownDesk, gridId);

        decision.Refused.Should().BeTrue();
        decision.Reason.Should().Contain("JY10").And.Contain(gridId);
    }

    [Fact]
    public void A_worker_asking_about_a_grid_is_refused() =>
        GridScope.Subtree(Hierarchy, Worker, "JY10").Refused.Should().BeTrue();

    [Fact]
    public void A_grid_the_city_does_not_have_is_left_to_the_caller_to_call_unknown() =>
        GridScope.Subtree(Hierarchy, TownDesk, "NOPE").Verdict.Should().Be(ScopeVerdict.Allow);

    [Fact]
    public void Lists_are_narrowed_quietly_to_the_subtree()
    {
        GridScope.Covers(Hierarchy, TownDesk, "JY10-01").Should().BeTrue();
        GridScope.Covers(Hierarchy, TownDesk, "JY01").Should().BeFalse();
        GridScope.Covers(Hierarchy, TownDesk, null).Should().BeFalse();
        GridScope.Covers(Hierarchy, CityDesk, "JY01").Should().BeTrue();
        GridScope.Covers(Hierarchy, Worker, "JY10").Should().BeFalse();
    }

    [Fact]
    public void A_town_desk_sees_incidents_located_in_its_town_only()
    {
        GridScope.Incident(TownDesk, Located("JY10")).Refused.Should().BeFalse();
        GridScope.Incident(TownDesk, Located("JY01")).Refused.Should().BeTrue();
        GridScope.Incident(TownDesk, Located(null)).Refused.Should().BeTrue("an unlocated incident is in no town yet");
        GridScope.Incident(CityDesk, Located("JY01")).Refused.Should().BeFalse();
        GridScope.Incident(Admin, Located(null)).Refused.Should().BeFalse();
    }

    [Fact]
    public void A_worker_sees_its_own_assignments_only()
    {
        GridScope.Incident(Worker, Located("JY01", assignee: "M01117")).Refused.Should().BeFalse("it is assigned to the worker, wherever it is");
        GridScope.Incident(Worker, Located("JY10", assignee: "M01118")).Refused.Should().BeTrue("it is another worker's, even in the worker's own town");
    }

    [Fact]
    public void A_town_desk_sees_members_of_its_town_and_a_worker_only_itself()
    {
        GridScope.Member(Hierarchy, TownDesk, "M01124", "JY10-01").Refused.Should().BeFalse();
        GridScope.Member(Hierarchy, TownDesk, "M00001", "JY01").Refused.Should().BeTrue();
        GridScope.Member(Hierarchy, CityDesk, "M00001", "JY01").Refused.Should().BeFalse();
        GridScope.Member(Hierarchy, Worker, "M01117", null).Refused.Should().BeFalse();
        GridScope.Member(Hierarchy, Worker, "M01118", "JY10").Refused.Should().BeTrue();
    }

    [Fact]
    public void A_town_desk_dispatches_only_to_members_whose_home_grid_is_in_its_town()
    {
        GridScope.DispatchTarget(Hierarchy, TownDesk, "M01124", "JY10-01").Refused.Should().BeFalse();
        var elsewhere = GridScope.DispatchTarget(Hierarchy, TownDesk, "M00001", "JY01");
        elsewhere.Refused.Should().BeTrue();
        elsewhere.Reason.Should().Contain("JY10").And.Contain("M00001");
        GridScope.DispatchTarget(Hierarchy, CityDesk, "M00001", "JY01").Refused.Should().BeFalse();
    }

    [Fact]
    public void A_town_desk_reports_only_at_places_in_its_town()
    {
        GridScope.Placement(Hierarchy, TownDesk, Place("JY10")).Refused.Should().BeFalse();
        GridScope.Placement(Hierarchy, TownDesk, Place("JY01")).Refused.Should().BeTrue();
        GridScope.Placement(Hierarchy, TownDesk, null).Refused.Should().BeTrue("a report without a place cannot be shown to be in its town");
        GridScope.Placement(Hierarchy, CityDesk, Place("JY01")).Refused.Should().BeFalse();
        GridScope.Placement(Hierarchy, Worker, Place("JY01")).Refused.Should().BeFalse("workers report what they meet wherever they are");
    }

    [Fact]
    public void Without_a_hierarchy_a_scoped_account_is_refused_and_an_unscoped_one_is_not()
    {
        GridScope.Subtree(null, TownDesk, "JY10").Refused.Should().BeTrue();
        GridScope.Subtree(null, CityDesk, "JY10").Refused.Should().BeFalse();
    }

    // 一长五员 of 徐霞客镇 (JY10): a 网格长 of a village, a 督查员 of the town, a 信息员, a 联络员.
    private static readonly Asker VillageLeader = new(Roles.GridLeader, MemberId: "M01100", ScopeGridId: "JY10-01");
    private static readonly Asker TownInspector = new(Roles.Inspector, MemberId: "M01090", ScopeGridId: "JY10");
    private static readonly Asker Informant = new(Roles.Informant, MemberId: "M01095", ScopeGridId: "JY10-01");
    private static readonly Asker Liaison = new(Roles.Liaison, MemberId: "M01097", ScopeGridId: "JY10");

    [Fact]
    public void A_grid_leader_sees_its_villages_cases_and_not_the_next_villages()
    {
        GridScope.Incident(VillageLeader, Located("JY10")).Refused.Should().BeFalse("Place puts a case in JY10-01, its village");
        var elsewhere = IncidentState.Fold([
            Event(1, Jiangyin.At(2026, 3, 2, 9), IncidentAction.Report, IncidentStatus.Reported) with
            {
                Report = new IncidentReport("E0102", Grains.Catalogue.Priority.Normal, "test", "hotline", null, null),
            },
            Event(2, Jiangyin.At(2026, 3, 2, 9), IncidentAction.Locate, IncidentStatus.Gridded) with
            {
                Placement = new GridPlacement("JY10-02", ["JY10-02", "JY10", "JY"], GridArea.Urban),
            },
        ]);
        GridScope.Incident(VillageLeader, elsewhere).Reason.Should().Contain("JY10-01");
        GridScope.Subtree(Hierarchy, VillageLeader, null).Should().Be(ScopeDecision.Narrow("JY10-01"));
        GridScope.Subtree(Hierarchy, VillageLeader, "JY10").Refused.Should().BeTrue();
    }

    [Fact]
    public void An_inspector_and_a_liaison_see_their_towns_cases_and_members_but_act_only_as_themselves()
    {
        GridScope.Incident(TownInspector, Located("JY10")).Refused.Should().BeFalse();
        GridScope.Incident(TownInspector, Located("JY01")).Refused.Should().BeTrue();
        GridScope.Incident(Liaison, Located("JY10")).Refused.Should().BeFalse();
        GridScope.Member(Hierarchy, TownInspector, "M01101", "JY10-01-01").Refused.Should().BeFalse("it reads its town's members");
        GridScope.OwnMember(Hierarchy, TownInspector, "M01101", "JY10-01-01").Refused.Should().BeTrue("it does not change another's duty or follow its notices");
        GridScope.OwnMember(Hierarchy, TownInspector, "M01090", "JY10").Refused.Should().BeFalse();
    }

    [Fact]
    public void An_informant_sees_its_own_reports_and_work_but_not_its_grid()
    {
        var mine = Located("JY10");
        var reported = IncidentState.Fold([
            Event(1, Jiangyin.At(2026, 3, 2, 9), IncidentAction.Report, IncidentStatus.Reported) with
            {
                Actor = "M01095", ActorRole = Roles.Informant,
                Report = new IncidentReport("E0102", Grains.Catalogue.Priority.Normal, "楼道堆物", "worker-app", null, null),
            },
        ]);
        GridScope.Incident(Informant, reported).Refused.Should().BeFalse("it reported it");
        GridScope.Incident(Informant, mine).Refused.Should().BeTrue("a case of its grid someone else reported is not its");
        GridScope.Subtree(Hierarchy, Informant, null).Refused.Should().BeTrue();
    }

    [Fact]
    public void A_grid_leader_dispatches_only_to_members_of_its_village()
    {
        GridScope.DispatchTarget(Hierarchy, VillageLeader, "M01101", "JY10-01-01").Refused.Should().BeFalse();
        GridScope.DispatchTarget(Hierarchy, VillageLeader, "M01200", "JY10-02-01").Refused.Should().BeTrue();
    }

    private static GridPlacement Place(string town) => new($"{town}-01", [$"{town}-01", town, "JY"], GridArea.Urban);

    private static IncidentState Located(string? town, string? assignee = null)
    {
        var at = Jiangyin.At(2026, 3, 2, 9);
        var events = new List<IncidentEvent>
        {
            Event(1, at, IncidentAction.Report, IncidentStatus.Reported) with
            {
                Report = new IncidentReport("E0102", Grains.Catalogue.Priority.Normal, "test", "hotline", null, null),
            },
        };
        if (town is not null) events.Add(Event(2, at, IncidentAction.Locate, IncidentStatus.Gridded) with { Placement = Place(town) });
        if (assignee is not null) events.Add(Event(events.Count + 1, at, IncidentAction.Dispatch, IncidentStatus.Dispatched) with { MemberId = assignee });
        return IncidentState.Fold(events);
    }

    private static IncidentEvent Event(int sequence, DateTimeOffset at, IncidentAction action, IncidentStatus to) => new()
    {
        IncidentId = "JY-TEST-1", Sequence = sequence, At = at, Action = action, Actor = "operator1", ActorRole = Roles.Operator,
        From = IncidentStatus.Reported, To = to,
    };
}
