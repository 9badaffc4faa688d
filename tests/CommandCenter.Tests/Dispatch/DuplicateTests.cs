using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class DuplicateTests(CenterFactory center)
{
    // One degree of latitude on the distance rule's sphere.
    private const double MetresPerDegree = 6_371_008.8 * Math.PI / 180;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Report(HttpClient client, string category, double lat, double lon)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", new { category, lat, lon, description = "同一处问题", channel = "hotline" });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_report_49_m_from_an_open_incident_of_the_same_category_joins_it()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var (_, first) = await Report(client, "E0103", lat, lon);

        var (status, second) = await Report(client, "E0103", lat + 49 / MetresPerDegree, lon);

        status.Should().Be(HttpStatusCode.OK, "a duplicate opens no new case");
        second.GetProperty("id").GetString().Should().Be(first.GetProperty("id").GetString());
        second.GetProperty("duplicateOf").GetString().Should().Be(first.GetProperty("id").GetString());
        var incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{first.GetProperty("id").GetString()}");
        incident.GetProperty("links").EnumerateArray().Should().ContainSingle().Which.GetProperty("channel").GetString().Should().Be("hotline");
    }

    [Fact]
    public async Task A_report_51_m_away_or_of_another_category_opens_its_own_case()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var (_, first) = await Report(client, "E0104", lat, lon);

        var (farStatus, far) = await Report(client, "E0104", lat + 51 / MetresPerDegree, lon);
        var (otherStatus, other) = await Report(client, "E0105", lat, lon);

        farStatus.Should().Be(HttpStatusCode.Created);
        far.GetProperty("id").GetString().Should().NotBe(first.GetProperty("id").GetString());
        otherStatus.Should().Be(HttpStatusCode.Created);
        other.GetProperty("id").GetString().Should().NotBe(first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_operator_can_undo_a_link_and_the_report_becomes_its_own_case()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var (_, first) = await Report(client, "E0201", lat, lon);
        var original = first.GetProperty("id").GetString()!;
        var (_, dup) = await Report(client, "E0201", lat, lon + 0.0001);

        var undo = await client.PostAsJsonAsync($"/api/incidents/{original}/actions/unlink", new { linkId = dup.GetProperty("linkId").GetString() });

        undo.StatusCode.Should().Be(HttpStatusCode.OK);
        var newId = (await undo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("newIncidentId").GetString();
        newId.Should().NotBeNullOrEmpty().And.NotBe(original);
        var separate = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{newId}");
        separate.GetProperty("state").GetString().Should().Be("gridded");
        var link = (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{original}")).GetProperty("links").EnumerateArray().Single();
        link.GetProperty("unlinkedInto").GetString().Should().Be(newId);
        (await client.PostAsJsonAsync($"/api/incidents/{original}/actions/unlink", new { linkId = "L9" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "no link is left to undo");
    }

    [Fact]
    public async Task A_closed_incident_takes_no_duplicates()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var (_, first) = await Report(client, "E0107", lat, lon);
        (await client.PostAsJsonAsync($"/api/incidents/{first.GetProperty("id").GetString()}/actions/cancel", new { note = "误报" })).EnsureSuccessStatusCode();

        var (status, _) = await Report(client, "E0107", lat, lon);

        status.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public void Outside_the_window_a_report_is_not_a_duplicate()
    {
        var rule = new DuplicateRule(50, TimeSpan.FromHours(24));
        var now = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        IncidentSummary Open(DateTimeOffset created) => new("JY-1", IncidentStatus.Gridded, 2, "E0102", Priority.Normal, "hotline", "g", ["g"], null,
            31.8, 120.3, created, created, null, null, null, false, EscalationRung.None, null, 2, false, new Grains.Sla.SlaLightCourse(null, null, null));
        var report = new IncidentReport("E0102", Priority.Normal, "x", "hotline", 31.8, 120.3);

        rule.Match(report, [Open(now.AddHours(-23))], now).Should().NotBeNull();
        rule.Match(report, [Open(now.AddHours(-25))], now).Should().BeNull();
    }
}
