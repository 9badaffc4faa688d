using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using static CommandCenter.Tests.Intake.IntakeCalls;

namespace CommandCenter.Tests.Intake;

/// <summary>Sensors and alert systems post signed alerts; anything not signed as agreed is turned away and opens nothing.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class WebhookTests(CenterFactory center)
{
    private async Task ShouldBeRefused(HttpResponseMessage response, int before, string detail)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain(detail);
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task A_well_signed_alert_opens_an_incident_on_the_sensor_channel()
    {
        var before = await Total(center);

        var response = await PostAlert(center.CreateClient(), Alert());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        id.Should().MatchRegex(@"^JY-\d{8}-\d{6}$");
        created.GetProperty("state").GetString().Should().Be("gridded");
        created.GetProperty("step").GetInt32().Should().Be(2);
        response.Headers.Location!.ToString().Should().Be($"/api/incidents/{id}");
        (await Total(center)).Should().Be(before + 1);

        var incident = await Incident(center, id);
        incident.GetProperty("channel").GetString().Should().Be("sensor");
        incident.GetProperty("category").GetString().Should().Be("E0802");
        incident.GetProperty("priority").GetString().Should().Be("high");
        incident.GetProperty("timeline")[0].GetProperty("actor").GetString().Should().Be("sensor:medical-alert");
    }

    [Fact]
    public async Task An_unsigned_alert_is_refused()
    {
        var before = await Total(center);

        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert(), timestamp: "", signature: ""), before, "X-Signature");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert(), signature: ""), before, "X-Signature");
    }

    [Fact]
    public async Task A_badly_signed_alert_is_refused()
    {
        var before = await Total(center);
        var body = Alert();
        var timestamp = Now();

        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, timestamp, Signature(timestamp, body, "someone-elses-secret")), before, "bad signature");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert("改过的内容"), timestamp, Signature(timestamp, body)), before, "bad signature");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, timestamp, "sha256=not-hex"), before, "bad signature");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, timestamp, Signature(timestamp, body)[7..]), before, "bad signature");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, source: "unknown-source"), before, "bad signature");
    }

    [Fact]
    public async Task A_replayed_signature_is_refused()
    {
        var body = Alert();
        var timestamp = Now();
        var signature = Signature(timestamp, body);
        (await PostAlert(center.CreateClient(), body, timestamp, signature)).StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await Total(center);

        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, timestamp, signature), before, "already used");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), body, timestamp, signature.ToUpperInvariant().Replace("SHA256=", "sha256=")), before, "already used");
    }

    [Fact]
    public async Task A_stale_or_future_timestamp_is_refused()
    {
        var before = await Total(center);

        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert(), Now(TimeSpan.FromMinutes(-6))), before, "minutes old");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert(), Now(TimeSpan.FromMinutes(10))), before, "future");
        await ShouldBeRefused(await PostAlert(center.CreateClient(), Alert(), "yesterday"), before, "unix time");
    }

    [Theory]
    [InlineData("""{"category":"X9999","lat":31.7538,"lon":120.3435,"description":"x"}""", "category")]
    [InlineData("""{"category":"E0802","lat":31.7538,"description":"x"}""", "lon")]
    [InlineData("""{"category":"E0802","lat":31.2304,"lon":121.4737,"description":"在上海"}""", "lat")]
    [InlineData("""{"category":"E0802","lat":31.7538,"lon":120.3435}""", "description")]
    [InlineData("""{"category":"E0802","lat":"north","lon":120.3435,"description":"x"}""", "$.lat")]
    public async Task A_signed_but_bad_alert_is_a_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var before = await Total(center);

        var response = await PostAlert(center.CreateClient(), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task An_oversize_alert_is_a_413_and_creates_nothing()
    {
        var before = await Total(center);

        var response = await PostAlert(center.CreateClient(), Alert(new string('x', 1_100_000)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Total(center)).Should().Be(before);
    }
}
