using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class GridApiTests(CenterFactory center)
{
    [Fact]
    public async Task Locate_at_the_centre_of_Xuxiake_answers_a_block_with_its_chain_to_the_city()
    {
        var client = await center.ClientFor("operator1");

        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/grids/locate?lat={SampleCity.XuxiakeLat}&lon={SampleCity.XuxiakeLon}");

        answer.GetProperty("inside").GetBoolean().Should().BeTrue();
        answer.GetProperty("grid").GetProperty("level").GetInt32().Should().Be(3);
        var chain = answer.GetProperty("chain").EnumerateArray().ToList();
        chain.Select(c => c.GetProperty("level").GetInt32()).Should().Equal(3, 2, 1, 0);
        chain[2].GetProperty("name").GetString().Should().Be("徐霞客镇");
        chain[3].GetProperty("name").GetString().Should().Be("江阴市");
    }

    [Fact]
    public async Task Locate_in_Shanghai_answers_outside_not_an_error()
    {
        var client = await center.ClientFor("operator1");

        var response = await client.GetAsync("/api/grids/locate?lat=31.23&lon=121.47");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inside").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("lat=95&lon=120.3", "lat")]
    [InlineData("lat=31.8", "lon")]
    [InlineData("lat=abc&lon=120.3", null)]
    public async Task Locate_with_a_bad_coordinate_is_a_400(string query, string? field)
    {
        var client = await center.ClientFor("operator1");

        var response = await client.GetAsync($"/api/grids/locate?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        if (field is not null)
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_level_one_grids_are_the_eighteen_towns_and_streets_as_geojson()
    {
        var client = await center.ClientFor("operator1");

        var collection = await client.GetFromJsonAsync<JsonElement>("/api/grids?level=1");

        collection.GetProperty("type").GetString().Should().Be("FeatureCollection");
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        features.Should().HaveCount(18);
        var first = features[0].GetProperty("properties");
        first.GetProperty("parentId").GetString().Should().Be("JY");
        first.GetProperty("level").GetInt32().Should().Be(1);
        features.Select(f => f.GetProperty("properties").GetProperty("name").GetString()).Should().Contain("徐霞客镇");
        features[0].GetProperty("geometry").GetProperty("type").GetString().Should().BeOneOf("Polygon", "MultiPolygon");
    }

    [Fact]
    public async Task Every_grid_says_its_area_as_the_import_resolved_it()
    {
        var client = await center.ClientFor("operator1");

        var collection = await client.GetFromJsonAsync<JsonElement>("/api/grids?level=2");

        var areas = collection.GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("properties").GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("area").GetString());
        areas.Should().HaveCount(SampleCity.Hierarchy.Nodes.Count(n => n.Level == 2));
        foreach (var (id, area) in areas)
            area.Should().Be(SampleCity.Hierarchy.Find(id)!.Area == CommandCenter.Grains.Sla.GridArea.Rural ? "rural" : "urban", id);
        areas.Values.Should().Contain("rural").And.Contain("urban");
    }

    [Fact]
    public async Task Children_of_a_parent_can_be_listed_and_one_grid_read_with_its_team()
    {
        var client = await center.ClientFor("operator1");

        var children = await client.GetFromJsonAsync<JsonElement>("/api/grids?parent=JY10");
        var ids = children.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetString()!).ToList();
        ids.Should().NotBeEmpty().And.OnlyContain(id => id.StartsWith("JY10-"));

        var grid = await client.GetFromJsonAsync<JsonElement>($"/api/grids/{ids[0]}");
        grid.GetProperty("properties").GetProperty("memberIds").GetArrayLength().Should().BeGreaterThan(0, "every village has a grid leader");
        grid.GetProperty("properties").GetProperty("children").GetArrayLength().Should().BeGreaterThan(0);

        (await client.GetAsync("/api/grids/NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/grids?parent=NOPE")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_an_admin_may_import_grids()
    {
        var client = await center.ClientFor("operator1");

        var response = await client.PostAsync("/api/grids/import", new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rejected_import_names_the_bad_feature_and_changes_nothing()
    {
        var admin = await center.ClientFor("admin");
        var before = (await admin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("gridVersion").GetString();
        var body = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"X","parentId":null,"level":0,"name":"X"},
               "geometry":{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]}},
              {"type":"Feature","properties":{"id":"X1","parentId":"X","level":1,"name":"bow-tie"},
               "geometry":{"type":"Polygon","coordinates":[[[120.1,31.1],[120.2,31.2],[120.2,31.1],[120.1,31.2],[120.1,31.1]]]}}]}
            """;

        var response = await admin.PostAsync("/api/grids/import", new StringContent(body, Encoding.UTF8, "application/geo+json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var problems = problem.GetProperty("problems").EnumerateArray().ToList();
        problems.Should().ContainSingle().Which.GetProperty("gridId").GetString().Should().Be("X1");
        (await admin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("gridVersion").GetString().Should().Be(before);
        (await admin.GetFromJsonAsync<JsonElement>("/api/grids/locate?lat=31.7538&lon=120.3435")).GetProperty("inside").GetBoolean().Should().BeTrue();
    }
}
