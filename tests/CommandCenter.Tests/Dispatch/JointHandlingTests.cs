using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class JointHandlingTests(CenterFactory center)
{
    [Fact]
    public async Task A_joint_handling_is_handled_only_when_every_platforms_task_is()
    {
        var operatorClient = await center.ClientFor("operator1");
        var enforcement = await center.ClientFor("M00060");
        var market = await center.ClientFor("M00061");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0302", lat, lon, description = "无证餐饮占道经营", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var split = await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/split", new
        {
            note = "执法与市场监管联合处置",
            tasks = new[] { new { platform = "综合执法", memberId = "M00060" }, new { platform = "MarketSupervision", memberId = "M00061" } },
        });
        split.StatusCode.Should().Be(HttpStatusCode.OK);

        var incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("handling");
        var tasks = incident.GetProperty("subTasks").EnumerateArray().ToList();
        tasks.Select(t => t.GetProperty("platformName").GetString()).Should().Equal("综合执法", "市场监管");
        tasks.Should().OnlyContain(t => t.GetProperty("status").GetString() == "assigned" && t.GetProperty("light").GetString() == "green");
        incident.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("memberId").GetString()).Should().BeEquivalentTo(["M00060", "M00061"]);

        (await enforcement.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { taskId = "T2" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await enforcement.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await enforcement.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { taskId = "T1" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await enforcement.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { taskId = "T1", note = "已劝离" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("handling", "one platform is still at work");

        (await market.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { taskId = "T2" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var last = await market.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { taskId = "T2", note = "已立案查处" });

        last.StatusCode.Should().Be(HttpStatusCode.OK);
        (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("handled");
        incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("subTasks").EnumerateArray().Should().OnlyContain(t => t.GetProperty("status").GetString() == "done");
        incident.GetProperty("deadlines").EnumerateArray().Last().GetProperty("step").GetString().Should().Be("verify");
    }

    [Fact]
    public async Task A_split_needs_two_different_platforms_and_real_members()
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0303", lat, lon, description = "x", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/split", new { tasks = new[] { new { platform = "PublicSafety", memberId = "M00060" } } }))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/split", new { tasks = new[] { new { platform = "PublicSafety", memberId = "M00060" }, new { platform = "PublicSafety", memberId = "M00061" } } }))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/split", new { tasks = new[] { new { platform = "Weather", memberId = "M00060" }, new { platform = "PublicSafety", memberId = "M00061" } } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/split", new { tasks = new[] { new { platform = "LawEnforcement", memberId = "M99999" }, new { platform = "PublicSafety", memberId = "M00061" } } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("gridded", "nothing was changed");
    }
}
