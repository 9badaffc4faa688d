using System.Text.Json.Nodes;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Places;

namespace CommandCenter.Rules.Tests.Places;

/// <summary>What a call-taker types while the caller speaks, and the place it finds.</summary>
[Trait("Category", "Unit")]
public class GazetteerTests
{
    private static JsonObject Grid(string id, string? parentId, int level, string name, double x0, double y0, double x1, double y1) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject { ["id"] = id, ["parentId"] = parentId, ["level"] = level, ["name"] = name },
        ["geometry"] = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(
                new[] { (x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0) }
                    .Select(p => (JsonNode)new JsonArray(120 + p.Item1 / 100, 31 + p.Item2 / 100)).ToArray())),
        },
    };

    // A city of two towns: 徐霞客镇 (with 马镇村) and 长泾镇 (长 is read chang or zhang: both must find it).
    private static readonly GridIndex Grids = new(GridImport.Read(new JsonObject
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(
            Grid("C", null, 0, "江阴市", 0, 0, 10, 10),
            Grid("C1", "C", 1, "徐霞客镇", 0, 0, 5, 10),
            Grid("C1-01", "C1", 2, "马镇村", 0, 0, 5, 5),
            Grid("C2", "C", 1, "长泾镇", 5, 0, 10, 10)),
    }.ToJsonString()).Hierarchy!);

    private static readonly Place Seat = new("C1-SEAT", "徐霞客镇人民政府", PlaceKind.Seat, [new PlacePoint(31.02, 120.02)]);
    private static readonly Place Road = new("R1", "芙蓉大道", PlaceKind.Road, [new PlacePoint(31.01, 120.01), new PlacePoint(31.01, 120.05), new PlacePoint(31.01, 120.09)]);

    private static readonly Gazetteer Names = new(Grids, [Seat, Road]);

    [Theory]
    [InlineData("徐霞客镇", "grid:C1", "exact")]
    [InlineData("徐霞", "grid:C1", "prefix")]
    [InlineData("人民政府", "C1-SEAT", "contains")]
    [InlineData("xuxiake", "grid:C1", "pinyin")]
    [InlineData("xxkz", "grid:C1", "pinyin")]
    [InlineData("Xu Xia Ke", "grid:C1", "pinyin")]
    [InlineData("徐xk", "grid:C1", "pinyin")]
    [InlineData("changjing", "grid:C2", "pinyin")]
    [InlineData("zhangjing", "grid:C2", "pinyin")]
    [InlineData("cjz", "grid:C2", "pinyin")]
    [InlineData("furongd", "R1", "pinyin")]
    [InlineData("徐客镇", "grid:C1", "fuzzy")]
    public void A_name_is_found_by_part_pinyin_initials_or_with_a_character_left_out(string typed, string expected, string how)
    {
        var best = Names.Search(typed).Should().NotBeEmpty().And.Subject.First();

        best.Place.Id.Should().Be(expected);
        best.MatchedBy.ToString().ToLowerInvariant().Should().Be(how);
    }

    [Fact]
    public void Better_matches_come_first_an_exact_name_before_a_name_that_contains_it()
    {
        var found = Names.Search("徐霞客镇");

        found.Select(m => m.Place.Id).Should().StartWith(["grid:C1", "C1-SEAT"]);
        found[0].Score.Should().BeGreaterThan(found[1].Score);
    }

    [Fact]
    public void A_found_place_carries_its_grid_chain_deepest_first()
    {
        var road = Names.Search("芙蓉大道").Single();

        road.Place.Anchor.Should().Be(new PlacePoint(31.01, 120.05), "a road is pinned at its middle");
        road.Chain.Select(g => g.Id).Should().Equal("C1-01", "C1", "C");
        Names.Search("马镇村").First().Chain.Select(g => g.Name).Should().Equal("马镇村", "徐霞客镇", "江阴市");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("？！")]
    [InlineData("qqqq")]
    [InlineData("北京路")]
    public void Nothing_is_found_for_text_that_names_no_place(string typed) => Names.Search(typed).Should().BeEmpty();

    [Fact]
    public void Resolving_an_address_needs_one_confident_match()
    {
        Names.Resolve("徐霞客镇人民政府")!.Place.Id.Should().Be("C1-SEAT");
        Names.Resolve("芙蓉大道")!.Chain[0].Id.Should().Be("C1-01");
        Names.Resolve("徐客镇").Should().BeNull("a fuzzy match is a suggestion for a person, not an answer for a machine");
        Names.Resolve("镇").Should().BeNull("one character names no place");
    }

    [Fact]
    public void A_places_file_with_bad_features_is_refused_naming_each()
    {
        var file = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"id":"P1","name":"芙蓉大道","kind":"road"},"geometry":{"type":"LineString","coordinates":[[120.1,31.1],[120.2,31.1]]}},
          {"type":"Feature","properties":{"id":"P2","kind":"landmark"},"geometry":{"type":"Point","coordinates":[120.1,31.1]}},
          {"type":"Feature","properties":{"id":"P3","name":"某地","kind":"castle"},"geometry":{"type":"Point","coordinates":[120.1,31.1]}},
          {"type":"Feature","properties":{"id":"P4","name":"某地","kind":"landmark"},"geometry":{"type":"Point","coordinates":[520.1,31.1]}},
          {"type":"Feature","properties":{"id":"P1","name":"重复","kind":"landmark"},"geometry":{"type":"Point","coordinates":[120.1,31.1]}},
          {"type":"Feature","properties":{"id":"P6","name":"坏\u0000名","kind":"landmark"},"geometry":{"type":"Point","coordinates":[120.1,31.1]}}
        ]}
        """;

        var result = PlaceList.Read(file);

        result.Accepted.Should().BeFalse();
        result.Places.Should().BeEmpty("nothing of a bad file is taken");
        result.Problems.Select(p => p.Field).Should().BeEquivalentTo(
            "features[1].properties.name", "features[2].properties.kind", "features[3].geometry", "features[4].properties.id", "features[5].properties.name");
    }

    [Fact]
    public void Every_gb2312_character_has_a_reading()
    {
        Pinyin.Of('徐').Should().Equal("xu");
        Pinyin.Of('长').Should().Contain(["chang", "zhang"]);
        Pinyin.Of('A').Should().BeEmpty();
    }
}
