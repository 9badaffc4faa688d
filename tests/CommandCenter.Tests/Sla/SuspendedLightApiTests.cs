using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace CommandCenter.Tests.Sla;

/// <summary>
/// 挂账 stops the clock: a suspended incident shows the light it had at the instant of suspension on every
/// surface of the running center, however long it stays parked past its old deadline.
/// </summary>
[Trait("Category", "InProcess")]
public sealed class SuspendedLightApiTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-light-api", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        try { Directory.Delete(data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<string> ReportUrgent(HttpClient client)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", priority = "urgent", lat, lon, description = "井盖缺失", channel = "hotline" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task Suspend(HttpClient supervisor, string id) =>
        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/suspend", new { note = "waiting for the owner" })).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_suspended_incident_past_its_old_deadline_shows_the_light_it_had_when_suspended_everywhere()
    {
        using var center = new CenterFactory(data, clock);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        // Urgent and located at once: dispatch due in 10 minutes, warning at 8.
        var green = await ReportUrgent(operatorClient);
        var yellow = await ReportUrgent(operatorClient);
        var red = await ReportUrgent(operatorClient);

        clock.Advance(TimeSpan.FromMinutes(5));
        await Suspend(supervisor, green);                                  // 5 of 10 minutes: green
        clock.Advance(TimeSpan.FromMinutes(4));
        await Suspend(supervisor, yellow);                                 // 9 of 10: yellow
        clock.Advance(TimeSpan.FromMinutes(2));
        await center.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(red).Wake();   // 11 of 10: breached
        await Suspend(supervisor, red);
        clock.Advance(TimeSpan.FromHours(3));                              // all three far past their old deadline

        var expected = new Dictionary<string, string> { [green] = "green", [yellow] = "yellow", [red] = "red" };
        var now = clock.GetUtcNow();
        foreach (var (id, light) in expected)
            (await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("light").GetString().Should().Be(light, $"the view of {id}");

        var listed = (await supervisor.GetFromJsonAsync<JsonElement>("/api/incidents?grid=JY10&pageSize=500")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("light").GetString());
        listed.Should().BeEquivalentTo(expected, "the list");
        var overdue = (await supervisor.GetFromJsonAsync<JsonElement>("/api/incidents?overdue=true&pageSize=500")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()).ToList();
        overdue.Should().Equal([red], "only the one that was red when it was suspended is overdue");

        var scope = await supervisor.GetFromJsonAsync<JsonElement>($"/api/scopes/JY10/state?at={Uri.EscapeDataString(now.ToString("O"))}");
        scope.GetProperty("incidents").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("light").GetString())
            .Should().BeEquivalentTo(expected, "scope state-at");
        scope.GetProperty("counters").GetProperty("overdue").GetInt32().Should().Be(1);

        var wall = await supervisor.GetFromJsonAsync<JsonElement>("/api/wall/snapshot?scope=JY10");
        wall.GetProperty("counters").GetProperty("overdue").GetInt32().Should().Be(1, "the wall's overdue counter");
        wall.GetProperty("incidents").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => WallLight(i, now))
            .Should().BeEquivalentTo(expected, "the wall reads the light off the course the rule pushed");
    }

    /// <summary>What the page does with a pushed incident (urgency.ts lightOf): compare the course's instants with now.</summary>
    private static string WallLight(JsonElement incident, DateTimeOffset now)
    {
        bool From(string name) => incident.GetProperty(name).ValueKind == JsonValueKind.String && incident.GetProperty(name).GetDateTimeOffset() <= now;
        return From("noneFrom") ? "none" : From("redFrom") ? "red" : From("yellowFrom") ? "yellow" : "green";
    }
}
