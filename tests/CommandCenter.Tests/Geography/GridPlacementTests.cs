using CommandCenter.Grains.Sla;
using CommandCenter.Incidents;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Geography;

/// <summary>An incident's urban or rural (verification 1 h or 2 h) is its grid's area from the grid file.</summary>
[Trait("Category", "Unit")]
public class GridPlacementTests
{
    [Fact]
    public void A_point_in_a_rural_town_is_placed_rural()
    {
        var placement = IncidentDesk.Place(SampleCity.Index, SampleCity.XuxiakeLat, SampleCity.XuxiakeLon)!;

        placement.Area.Should().Be(GridArea.Rural);
        placement.Area.Should().Be(SampleCity.Hierarchy.Find(placement.GridId)!.Area);
    }

    [Fact]
    public void Each_grid_is_placed_with_the_area_the_import_gave_it_at_every_level()
    {
        var hierarchy = SampleCity.Hierarchy;

        foreach (var grid in hierarchy.Nodes.Where(n => n.Level <= 2).Concat(hierarchy.Nodes.Where(n => n.Level == 3).Take(50)))
            IncidentDesk.Place(SampleCity.Index, grid.Id)!.Area.Should().Be(grid.Area, grid.Id);
        hierarchy.Nodes.Select(n => n.Area).Distinct().Should().HaveCount(2, "the sample has both urban and rural grids");
    }
}
