using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>The gazetteer of the sample city through the API: grids and places found by name, pinyin and initials.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class PlaceApiTests(CenterFactory center)
{
    [Theory]
    [InlineData("徐霞客镇人民政府", "seat")]
    [InlineData("xxkz", "grid")]
    [InlineData("xuxiake", "grid")]
    public async Task An_operator_finds_a_towns_seat_or_grid_with_its_chain(string typed, string kind)
    {
        var client = await center.ClientFor("operator1");

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/places?q={Uri.EscapeDataString(typed)}");

        var best = found.EnumerateArray().First();
        best.GetProperty("kind").GetString().Should().Be(kind);
        best.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Contain("徐霞客镇").And.EndWith("江阴市");
        var (lat, lon) = (best.GetProperty("lat").GetDouble(), best.GetProperty("lon").GetDouble());
        var located = await client.GetFromJsonAsync<JsonElement>($"/api/grids/locate?lat={lat}&lon={lon}");
        located.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Contain("徐霞客镇", "the pin lies in the grid the chain names");
    }

    [Fact]
    public async Task A_village_committee_is_found_by_its_short_name_and_a_worker_may_search_too()
    {
        var worker = await center.ClientFor("M00040");

        var found = await worker.GetFromJsonAsync<JsonElement>($"/api/places?q={Uri.EscapeDataString("城中社区居委会")}");

        var best = found.EnumerateArray().First();
        best.GetProperty("name").GetString().Should().Be("城中社区居民委员会");
        best.GetProperty("kind").GetString().Should().Be("community");
        best.GetProperty("confident").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=%E5%BE%90&limit=0", "limit")]
    [InlineData("q=%E5%BE%90&limit=500", "limit")]
    public async Task Bad_searches_are_a_400_naming_the_field(string query, string field)
    {
        var client = await center.ClientFor("operator1");

        var response = await client.GetAsync($"/api/places?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Only_an_admin_imports_places_and_a_bad_list_changes_nothing()
    {
        var bad = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"X1","name":"新地标","kind":"tower"},"geometry":{"type":"Point","coordinates":[120.3,31.8]}}]}""";
        var operatorClient = await center.ClientFor("operator1");
        (await operatorClient.PostAsync("/api/places/import", new StringContent(bad, Encoding.UTF8, "application/geo+json"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = await center.ClientFor("admin");
        var response = await admin.PostAsync("/api/places/import", new StringContent(bad, Encoding.UTF8, "application/geo+json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("features[0].properties.kind");
        var still = await admin.GetFromJsonAsync<JsonElement>($"/api/places?q={Uri.EscapeDataString("徐霞客镇人民政府")}");
        still.EnumerateArray().First().GetProperty("kind").GetString().Should().Be("seat", "the sample's places are still there");
    }
}
