using CommandCenter.Grains.Incidents;

namespace CommandCenter.Rules.Tests.Desk;

/// <summary>"This is the same case": a report joins the case a person named only when that case is open and of the report's category.</summary>
[Trait("Category", "Unit")]
public class SameAsTests
{
    [Fact]
    public void An_open_case_of_the_same_category_may_be_joined_and_nothing_else()
    {
        var open = new DeskIncident();

        DuplicateRule.SameAsProblem(open.State.Id, open.State, "E0102").Should().BeNull();
        DuplicateRule.SameAsProblem(open.State.Id, open.State, "E0105").Should().Contain("E0102").And.Contain("E0105");
        DuplicateRule.SameAsProblem("JY-20000101-000001", null, "E0102").Should().Contain("JY-20000101-000001");

        open.Do(IncidentAction.Cancel, DeskIncident.Operator, DeskIncident.T0.AddMinutes(5), c => c with { Note = "重复" }).Accepted.Should().BeTrue();
        DuplicateRule.SameAsProblem(open.State.Id, open.State, "E0102").Should().NotBeNull("a cancelled case takes no more reports");
    }
}
