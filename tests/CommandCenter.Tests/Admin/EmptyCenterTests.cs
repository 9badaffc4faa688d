using System.Net.Http.Json;
using System.Text.Json;

namespace CommandCenter.Tests.Admin;

/// <summary>A center started without the sample city is empty: no grids, no members, no categories; its admin is led through setup.</summary>
[Trait("Category", "InProcess")]
public class EmptyCenterTests(EmptyCenter center) : IClassFixture<EmptyCenter>
{
    [Fact]
    public async Task A_center_started_without_the_sample_city_is_empty_and_lists_every_setup_step_not_done()
    {
        var admin = await center.ClientFor("admin");
        var setup = await admin.GetFromJsonAsync<JsonElement>("/api/admin/setup");
        setup.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString())
            .Should().Equal("city", "grids", "roster", "accounts", "categories", "policy");
        setup.GetProperty("steps").EnumerateArray().Should().OnlyContain(s => !s.GetProperty("done").GetBoolean());

        (await admin.GetFromJsonAsync<JsonElement>("/api/categories")).GetArrayLength().Should().Be(0);
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/accounts")).EnumerateArray().Select(a => a.GetProperty("username").GetString())
            .Should().Equal("admin");
        var city = await admin.GetFromJsonAsync<JsonElement>("/api/city");
        city.GetProperty("rootGridId").ValueKind.Should().Be(JsonValueKind.Null);
        city.GetProperty("casePrefix").GetString().Should().Be("CC");
        var sample = await center.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "operator1", password = CommandCenter.Tests.Support.CenterFactory.DemoPassword });
        sample.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized, "no sample account exists");
    }
}
