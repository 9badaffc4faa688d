using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class SupervisionTests(CenterFactory center)
{
    [Fact]
    public async Task A_supervision_notice_is_recorded_counted_and_its_delivery_and_reading_audited()
    {
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var worker = await center.ClientFor("M00050");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0301", lat, lon, description = "占道经营", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00050" })).EnsureSuccessStatusCode();

        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/supervise", new { })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/supervise", new { note = "请今天内处理" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/supervise", new { note = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("supervisions").GetInt32().Should().Be(1);
        var notices = incident.GetProperty("notices").EnumerateArray().ToList();
        notices.Select(n => n.GetProperty("kind").GetString()).Should().Equal("assignment", "supervision");
        notices.Should().OnlyContain(n => n.GetProperty("memberId").GetString() == "M00050");
        var supervision = notices[1];
        supervision.GetProperty("deliveredAt").ValueKind.Should().Be(JsonValueKind.Null);

        var number = supervision.GetProperty("sequence").GetInt32();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/read-notice", new { notice = number })).StatusCode.Should().Be(HttpStatusCode.OK);
        var other = await center.ClientFor("M00051");
        (await other.PostAsJsonAsync($"/api/incidents/{id}/actions/read-notice", new { notice = number })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var after = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("notices").EnumerateArray().ToList()[1];
        after.GetProperty("readAt").ValueKind.Should().Be(JsonValueKind.String);
        after.GetProperty("deliveredAt").ValueKind.Should().Be(JsonValueKind.String);
    }
}
