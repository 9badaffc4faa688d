using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests.Geography;

[Trait("Category", "Unit")]
public class GridImportTests
{
    // A small city 0..10 × 0..10 (lon × lat degrees shifted to China), cut in two towns and four blocks.
    private static JsonObject Feature(string id, string? parentId, int level, string name, double[][] ring) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject { ["id"] = id, ["parentId"] = parentId, ["level"] = level, ["name"] = name },
        ["geometry"] = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(ring.Select(p => (JsonNode)new JsonArray(p[0], p[1])).ToArray())),
        },
    };

    private static double[][] Box(double x0, double y0, double x1, double y1) =>
        [[120 + x0 / 100, 31 + y0 / 100], [120 + x1 / 100, 31 + y0 / 100], [120 + x1 / 100, 31 + y1 / 100], [120 + x0 / 100, 31 + y1 / 100], [120 + x0 / 100, 31 + y0 / 100]];

    private static List<JsonObject> GoodCity() =>
    [
        Feature("C", null, 0, "城市", Box(0, 0, 10, 10)),
        Feature("C1", "C", 1, "东街道", Box(0, 0, 5, 10)),
        Feature("C2", "C", 1, "西镇", Box(5, 0, 10, 10)),
        Feature("C1-01", "C1", 2, "东社区", Box(0, 0, 5, 5)),
        Feature("C1-02", "C1", 2, "北社区", Box(0, 5, 5, 10)),
    ];

    private static string Collection(IEnumerable<JsonObject> features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.Select(f => (JsonNode)f).ToArray()) }.ToJsonString();

    private static GridImportProblem SingleProblem(List<JsonObject> features)
    {
        var result = GridImport.Read(Collection(features));
        result.Accepted.Should().BeFalse();
        result.Hierarchy.Should().BeNull();
        return result.Problems.Should().ContainSingle().Subject;
    }

    [Fact]
    public void A_consistent_hierarchy_is_accepted_with_parents_children_and_chains()
    {
        var result = GridImport.Read(Collection(GoodCity()));

        result.Problems.Should().BeEmpty();
        var hierarchy = result.Hierarchy!;
        hierarchy.Nodes.Should().HaveCount(5);
        hierarchy.Root.Id.Should().Be("C");
        hierarchy.ChildrenOf("C1").Select(c => c.Id).Should().Equal("C1-01", "C1-02");
        hierarchy.ChainOf("C1-02").Select(n => n.Id).Should().Equal("C1-02", "C1", "C");
    }

    [Fact]
    public void The_same_features_give_the_same_version_and_different_ones_another()
    {
        var a = GridImport.Read(Collection(GoodCity())).Hierarchy!.Version;
        var b = GridImport.Read(Collection(GoodCity())).Hierarchy!.Version;
        var changed = GoodCity();
        changed[1]["properties"]!["name"] = "澄江街道";
        var c = GridImport.Read(Collection(changed)).Hierarchy!.Version;

        a.Should().Be(b);
        c.Should().NotBe(a);
    }

    [Fact]
    public void A_self_intersecting_polygon_is_rejected_naming_the_feature()
    {
        var city = GoodCity();
        city[4] = Feature("C1-02", "C1", 2, "北社区", [[120, 31.05], [120.05, 31.1], [120.05, 31.05], [120, 31.1], [120, 31.05]]); // a bow-tie

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-02");
        problem.FeatureIndex.Should().Be(4);
        problem.Problem.Should().Contain("invalid").And.Contain("Self-intersection");
    }

    [Fact]
    public void Coordinates_out_of_range_are_rejected_naming_the_feature()
    {
        var city = GoodCity();
        city[3] = Feature("C1-01", "C1", 2, "东社区", [[120, 31], [200, 31], [200, 31.05], [120, 31.05], [120, 31]]);

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-01");
        problem.Problem.Should().Contain("out of range");
    }

    [Fact]
    public void Duplicate_ids_are_rejected_naming_the_second_feature()
    {
        var city = GoodCity();
        city[4]["properties"]!["id"] = "C1-01";

        var problem = SingleProblem(city);

        problem.FeatureIndex.Should().Be(4);
        problem.Problem.Should().Contain("Duplicate id \"C1-01\"");
    }

    [Fact]
    public void An_unknown_parent_is_rejected_naming_the_feature()
    {
        var city = GoodCity();
        city[4]["properties"]!["parentId"] = "C9";

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-02");
        problem.Problem.Should().Contain("Unknown parent \"C9\"");
    }

    [Fact]
    public void A_child_reaching_outside_its_parent_is_rejected_naming_it()
    {
        var city = GoodCity();
        city[4] = Feature("C1-02", "C1", 2, "北社区", Box(0, 5, 7, 10)); // C1 ends at x = 5

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-02");
        problem.Problem.Should().Contain("Not inside its parent \"C1\"");
    }

    [Fact]
    public void A_child_a_hair_outside_its_parent_is_within_tolerance()
    {
        var city = GoodCity();
        city[4] = Feature("C1-02", "C1", 2, "北社区", Box(0, 5, 5.001, 10));

        GridImport.Read(Collection(city)).Accepted.Should().BeTrue();
    }

    [Fact]
    public void Overlapping_siblings_are_rejected_naming_them()
    {
        var city = GoodCity();
        city[4] = Feature("C1-02", "C1", 2, "北社区", Box(0, 3, 5, 10)); // overlaps C1-01 (y 0..5) by 2 units

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-01");
        problem.Problem.Should().Contain("Overlaps its sibling \"C1-02\"");
    }

    [Fact]
    public void Every_bad_feature_is_reported_not_only_the_first()
    {
        var city = GoodCity();
        city[3]["properties"]!["name"] = "";
        city[4]["properties"]!["level"] = 7;

        var result = GridImport.Read(Collection(city));

        result.Problems.Select(p => p.GridId).Should().BeEquivalentTo(["C1-01", "C1-02"]);
        result.Problems.Should().Contain(p => p.Problem.Contains("\"name\"")).And.Contain(p => p.Problem.Contains("\"level\""));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"type\":\"Feature\"}", "FeatureCollection")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "no features")]
    public void A_body_that_is_not_a_feature_collection_is_rejected_with_a_reason(string body, string reason)
    {
        GridImport.Read(body).Problems.Should().ContainSingle().Which.Problem.Should().Contain(reason);
    }

    [Fact]
    public void A_point_geometry_is_rejected()
    {
        var city = GoodCity();
        city[4]["geometry"] = JsonNode.Parse("""{"type":"Point","coordinates":[120.01,31.06]}""");

        SingleProblem(city).Problem.Should().Contain("Polygon or MultiPolygon");
    }

    [Fact]
    public void The_sample_city_passes_its_own_import_checks()
    {
        var result = GridImport.Read(File.ReadAllText(Path.Combine(CommandCenter.Tests.Support.Repo.SampleCity, "grids.geojson")));

        result.Problems.Should().BeEmpty();
        var levels = result.Hierarchy!.Nodes.GroupBy(n => n.Level).ToDictionary(g => g.Key, g => g.Count());
        levels[0].Should().Be(1);
        levels[1].Should().Be(18);
        levels[2].Should().BeGreaterThanOrEqualTo(150);
        levels[3].Should().BeGreaterThanOrEqualTo(1_000);
        result.Hierarchy.Nodes.Where(n => n.Level == 1).Select(n => n.Name).Should().Contain(["澄江街道", "徐霞客镇", "高新区", "临港开发区"]);
    }

    [Fact]
    public void A_grid_without_an_area_takes_its_parents_and_the_city_is_urban_unless_it_says_otherwise()
    {
        var city = GoodCity();
        city[2]["properties"]!["area"] = "rural"; // 西镇 says rural; 东街道 and its communities say nothing

        var hierarchy = GridImport.Read(Collection(city)).Hierarchy!;

        hierarchy.Find("C")!.Area.Should().Be(GridArea.Urban);
        hierarchy.Find("C1")!.Area.Should().Be(GridArea.Urban);
        hierarchy.Find("C1-01")!.Area.Should().Be(GridArea.Urban);
        hierarchy.Find("C2")!.Area.Should().Be(GridArea.Rural);
    }

    [Fact]
    public void Children_inherit_a_declared_area_and_may_declare_their_own()
    {
        var city = GoodCity();
        city[0]["properties"]!["area"] = "rural";   // the whole city is countryside…
        city[4]["properties"]!["area"] = "urban";   // …except 北社区

        var hierarchy = GridImport.Read(Collection(city)).Hierarchy!;

        hierarchy.Find("C1")!.Area.Should().Be(GridArea.Rural);
        hierarchy.Find("C1-01")!.Area.Should().Be(GridArea.Rural, "it says nothing, so it takes 东街道's, which took the city's");
        hierarchy.Find("C1-02")!.Area.Should().Be(GridArea.Urban);
    }

    [Theory]
    [InlineData("\"suburban\"")]
    [InlineData("\"Rural\"")]
    [InlineData("1")]
    public void An_area_other_than_urban_or_rural_is_rejected_naming_the_feature(string area)
    {
        var city = GoodCity();
        city[3]["properties"]!["area"] = JsonNode.Parse(area);

        var problem = SingleProblem(city);

        problem.GridId.Should().Be("C1-01");
        problem.Problem.Should().Contain("\"area\"").And.Contain("urban").And.Contain("rural");
    }

    [Fact]
    public void The_sample_towns_keep_their_area_from_the_file_towns_rural_streets_and_zones_urban()
    {
        var hierarchy = CommandCenter.Tests.Support.SampleCity.Hierarchy;

        // The file says it per town; a town's name ending in 镇 is how the sample was drawn, not how the center decides.
        foreach (var town in hierarchy.Nodes.Where(n => n.Level == 1))
        {
            var expected = town.Name.EndsWith('镇') ? GridArea.Rural : GridArea.Urban;
            town.Area.Should().Be(expected, town.Name);
            hierarchy.SubtreeOf(town.Id).Should().OnlyContain(n => n.Area == expected, $"the villages and blocks of {town.Name} inherit it");
        }
        hierarchy.Root.Area.Should().Be(GridArea.Urban);
    }

    [Fact]
    public void The_area_is_read_from_the_file_not_from_the_name()
    {
        var city = GoodCity(); // 西镇 ends in 镇 but declares nothing: it takes the city's urban

        GridImport.Read(Collection(city)).Hierarchy!.Find("C2")!.Area.Should().Be(GridArea.Urban);
    }
}
