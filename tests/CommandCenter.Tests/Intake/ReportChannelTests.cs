using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using static CommandCenter.Tests.Intake.IntakeCalls;

namespace CommandCenter.Tests.Intake;

/// <summary>Worker-app reports carry photos; hotline entries carry the caller, whom only staff see.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class ReportChannelTests(CenterFactory center)
{
    [Fact]
    public async Task A_worker_reports_where_it_stands_with_photos_on_the_worker_app_channel()
    {
        var worker = await center.ClientFor("M00040");
        var (lat, lon) = SampleCity.NextPoint();

        var response = await worker.PostAsJsonAsync("/api/incidents", new
        {
            category = "C0101", lat, lon, description = "上水井盖缺失", address = "璜塘大街北口",
            photos = new[] { "photo:2026/11/24/ab12.jpg", "photo:2026/11/24/ab13.jpg" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var incident = await Incident(center, id);
        incident.GetProperty("channel").GetString().Should().Be("worker-app");
        incident.GetProperty("address").GetString().Should().Be("璜塘大街北口");
        incident.GetProperty("photos").EnumerateArray().Select(p => p.GetString()).Should().Equal("photo:2026/11/24/ab12.jpg", "photo:2026/11/24/ab13.jpg");
    }

    [Fact]
    public async Task A_hotline_entry_keeps_the_caller_which_staff_see_and_the_assigned_worker_does_not()
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var response = await operatorClient.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0104", lat, lon, description = "市民来电：道路不洁", address = "徐霞客镇马镇街 3 号",
            callerName = "王五", callerPhone = "+86 138 0000 1234",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00041" })).EnsureSuccessStatusCode();

        var staffView = await (await center.ClientFor("supervisor1")).GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        staffView.GetProperty("channel").GetString().Should().Be("hotline");
        staffView.GetProperty("callerName").GetString().Should().Be("王五");
        staffView.GetProperty("callerPhone").GetString().Should().Be("+86 138 0000 1234");
        staffView.GetProperty("address").GetString().Should().Be("徐霞客镇马镇街 3 号");

        var workerView = await (await center.ClientFor("M00041")).GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        workerView.GetProperty("description").GetString().Should().Be("市民来电：道路不洁");
        workerView.GetProperty("address").GetString().Should().Be("徐霞客镇马镇街 3 号");
        workerView.GetProperty("callerPhone").ValueKind.Should().Be(JsonValueKind.Null);
        workerView.GetProperty("callerName").ValueKind.Should().Be(JsonValueKind.Null);
        workerView.ToString().Should().NotContain("138 0000 1234");
        static JsonElement ReportIn(JsonElement events) => events.EnumerateArray().First().GetProperty("report");
        var workerReport = ReportIn(await (await center.ClientFor("M00041")).GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events"));
        workerReport.GetProperty("description").GetString().Should().Be("市民来电：道路不洁");
        (!workerReport.TryGetProperty("reporterName", out var hiddenName) || hiddenName.ValueKind == JsonValueKind.Null).Should().BeTrue("the ledger hides the caller from the worker as the view does");
        workerReport.ToString().Should().NotContain("138 0000 1234").And.NotContain("王五");
        var staffReport = ReportIn(await (await center.ClientFor("supervisor1")).GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events"));
        staffReport.GetProperty("reporterName").GetString().Should().Be("王五", "staff read the caller in the ledger");
    }

    [Theory]
    [InlineData("""{"category":"E0102","description":"x","callerPhone":"call me maybe"}""", "callerPhone")]
    [InlineData("""{"category":"E0102","description":"x","photos":["a","b","c","d","e","f","g","h","i","j","k"]}""", "photos")]
    [InlineData("""{"category":"E0102","description":"x","photos":["a",""]}""", "photos[1]")]
    public async Task Bad_caller_details_or_photos_are_a_400_naming_the_field_and_create_nothing(string body, string field)
    {
        var client = await center.ClientFor("operator1");
        var before = await Total(center);

        var response = await client.PostAsync("/api/incidents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task A_photo_reference_over_500_characters_or_an_oversize_body_is_refused()
    {
        var client = await center.ClientFor("operator1");
        var before = await Total(center);

        var longPhoto = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", description = "x", photos = new[] { new string('p', 501) } });
        var oversize = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", description = new string('x', 1_100_000) });

        longPhoto.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await longPhoto.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("photos[0]", out _).Should().BeTrue();
        oversize.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Total(center)).Should().Be(before);
    }
}
