using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Health;

/// <summary>What a load balancer and an operator read from a running center's health endpoints.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class HealthApiTests(CenterFactory center)
{
    [Fact]
    public async Task A_started_center_is_live_and_ready_and_names_each_check_without_a_token()
    {
        var anonymous = center.CreateClient();

        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await anonymous.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();

        ready.StatusCode.Should().Be(HttpStatusCode.OK, body);
        ready.Headers.CacheControl!.NoStore.Should().BeTrue();
        var answer = JsonDocument.Parse(body).RootElement;
        answer.GetProperty("status").GetString().Should().Be("healthy");
        answer.GetProperty("phase").GetString().Should().Be("ready");
        var checks = answer.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks.Should().BeEquivalentTo(new Dictionary<string, string> { ["lifecycle"] = "healthy", ["silo"] = "healthy", ["grids"] = "healthy", ["storage"] = "healthy" });
        body.Should().NotContain(center.DataDirectory).And.NotContain("Exception");
    }

    [Fact]
    public async Task The_older_health_answer_still_names_the_profile_and_the_grids()
    {
        var health = await center.CreateClient().GetFromJsonAsync<JsonElement>("/health");

        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("grids").GetInt32().Should().BeGreaterThan(0);
    }
}
