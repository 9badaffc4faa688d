using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace CommandCenter.Tests.Replay;

/// <summary>
/// A simulated working day on a fake clock: incidents are reported, dispatched, returned, handled,
/// reworked and closed, the SLA clock wakes every five minutes, and what the live API showed is written
/// down as it happens. Afterwards the replay, computed from the ledger alone, must show the same at every
/// sampled instant.
/// </summary>
[Trait("Category", "InProcess")]
public class ReplayEqualsLiveTests : IDisposable
{
    // Tuesday 24 Nov 2026, 08:00 in Jiangyin.
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Workers = ["M00020", "M00021", "M00022", "M00023"];
    private static readonly string[] Categories = ["E0102", "C0101"];
    private static readonly string[] Priorities = ["urgent", "normal", "high"];

    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-replay", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(Morning);

    private sealed record Sample(DateTimeOffset At, string Id, string Live);

    [Fact]
    public async Task The_state_replayed_at_any_sampled_instant_equals_what_the_live_api_showed_then()
    {
        using var center = new CenterFactory(data, clock);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var workers = new Dictionary<string, HttpClient>();
        foreach (var w in Workers) workers[w] = await center.ClientFor(w);
        var grains = center.Services.GetRequiredService<IGrainFactory>();
        var random = new Random(20261124);
        var ids = new List<string>();
        var samples = new List<Sample>();
        var liveCounters = new List<(DateTimeOffset At, int Open, int Overdue)>();

        async Task<JsonElement> Live(string id) => await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");

        for (var step = 0; step < 12 * 12; step++)            // 08:00 to 20:00 in five-minute steps
        {
            if (random.NextDouble() < 0.35)
            {
                var (lat, lon) = SampleCity.NextPoint();
                var response = await operatorClient.PostAsJsonAsync("/api/incidents", new
                {
                    category = Categories[random.Next(Categories.Length)], priority = Priorities[random.Next(Priorities.Length)],
                    lat, lon,
                    description = $"simulated {step}", channel = "hotline",
                });
                response.StatusCode.Should().Be(HttpStatusCode.Created);
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }

            foreach (var id in ids)
            {
                if (random.NextDouble() > 0.3) continue;      // most incidents wait: that is how lights turn yellow and red
                var live = await Live(id);
                var assignee = live.GetProperty("assigneeId").GetString();
                var (client, action, body) = live.GetProperty("state").GetString() switch
                {
                    "gridded" => (operatorClient, "dispatch", (object)new { memberId = Workers[random.Next(Workers.Length)] }),
                    "dispatched" when random.NextDouble() < 0.15 => (workers[assignee!], "return", new { note = "not mine" }),
                    "dispatched" => (workers[assignee!], "accept", new { }),
                    "handling" => (workers[assignee!], "resolve", new { note = "done" }),
                    "handled" when random.NextDouble() < 0.25 => (supervisor, "verify", new { passed = false, note = "redo it" }),
                    "handled" => (supervisor, "verify", new { passed = true }),
                    "verified" => (operatorClient, "evaluate", new { satisfaction = random.Next(1, 6) }),
                    _ => (null, "", new { }),
                };
                if (client is null) continue;
                var acted = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
                acted.StatusCode.Should().Be(HttpStatusCode.OK, await acted.Content.ReadAsStringAsync());
            }

            clock.Advance(TimeSpan.FromMinutes(4));
            // What the reminder does: every incident looks at its clock.
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IIncidentGrain>(id).Wake()));

            var at = clock.GetUtcNow();
            var lives = new List<JsonElement>();
            foreach (var id in ids)
            {
                var live = await Live(id);
                lives.Add(live);
                samples.Add(new Sample(at, id, live.GetRawText()));
            }
            liveCounters.Add((at,
                lives.Count(l => l.GetProperty("state").GetString() is not ("evaluated" or "assessed" or "filed" or "archived" or "cancelled")),
                lives.Count(l => l.GetProperty("light").GetString() == "red" && l.GetProperty("state").GetString() is not ("filed" or "cancelled"))));
            // The next actions come a minute later: at one instant the live system shows one state, not a before and an after.
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        ids.Should().HaveCountGreaterThan(30);
        var lights = samples.Select(s => JsonDocument.Parse(s.Live).RootElement.GetProperty("light").GetString()).ToHashSet();
        lights.Should().Contain(["green", "yellow", "red"], "the simulated day must exercise every light");
        samples.Select(s => JsonDocument.Parse(s.Live).RootElement.GetProperty("state").GetString()).Distinct()
            .Should().Contain(["gridded", "dispatched", "handling", "handled", "filed"]);

        // Every sampled incident at every sampled instant: the replay is the very same document.
        foreach (var sample in samples)
        {
            var replayed = await supervisor.GetAsync($"/api/incidents/{sample.Id}/state?at={Instants.Query(sample.At)}");
            replayed.StatusCode.Should().Be(HttpStatusCode.OK);
            var text = await replayed.Content.ReadAsStringAsync();
            text.Should().Be(sample.Live, $"{sample.Id} at {sample.At:O}\nreplay: {text}\nlive:   {sample.Live}\n");
        }

        // The city's counters at each instant equal the live ones.
        foreach (var (at, open, overdue) in liveCounters)
        {
            var scope = await supervisor.GetFromJsonAsync<JsonElement>($"/api/scopes/JY/state?at={Instants.Query(at)}");
            var counters = scope.GetProperty("counters");
            counters.GetProperty("open").GetInt32().Should().Be(open, $"open at {at:O}");
            counters.GetProperty("overdue").GetInt32().Should().Be(overdue, $"overdue at {at:O}");
        }
    }

    [Fact]
    public async Task The_replay_stream_opens_with_the_wall_as_it_was_and_then_plays_every_event_in_order()
    {
        using var center = new CenterFactory(data, clock);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (lat, lon) = SampleCity.NextPoint();
            var created = await operatorClient.PostAsJsonAsync("/api/incidents", new
            {
                category = "E0102", priority = i % 2 == 0 ? "urgent" : "normal", lat, lon,
                description = $"stream {i}", channel = "hotline",
            });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            clock.Advance(TimeSpan.FromMinutes(3));
        }
        var middle = clock.GetUtcNow();                       // three incidents urgent: 10-minute dispatch limits
        var liveAtMiddle = new Dictionary<string, string>();
        foreach (var id in ids)
            liveAtMiddle[id] = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("light").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(1));
        var grains = center.Services.GetRequiredService<IGrainFactory>();
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{ids[0]}/actions/dispatch", new { memberId = "M00020" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(30));
        await Task.WhenAll(ids.Select(id => grains.GetGrain<IIncidentGrain>(id).Wake()));
        var end = clock.GetUtcNow().AddSeconds(1);

        var response = await supervisor.GetAsync($"/api/replay?from={Instants.Query(middle)}&to={Instants.Query(end)}", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        lines[0].GetProperty("kind").GetString().Should().Be("snapshot");
        var snapshot = lines[0].GetProperty("incidents").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("light").GetString());
        snapshot.Should().BeEquivalentTo(liveAtMiddle, "the snapshot shows each incident with the light the wall showed at `from`");
        liveAtMiddle.Values.Should().Contain(["red", "green"]);

        var events = lines.Skip(1).SkipLast(1).ToList();
        events.Should().OnlyContain(e => e.GetProperty("kind").GetString() == "event");
        events.Select(e => e.GetProperty("at").GetDateTimeOffset()).Should().BeInAscendingOrder();
        events.Select(e => e.GetProperty("action").GetString()).Should().Contain(["Dispatch", "Escalate"]);
        events.Should().OnlyContain(e => e.GetProperty("at").GetDateTimeOffset() >= middle);
        lines[^1].GetProperty("kind").GetString().Should().Be("end");
        lines[^1].GetProperty("events").GetInt32().Should().Be(events.Count);

        var all = 0;
        foreach (var id in ids) all += (await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).EnumerateArray().Count(e => e.GetProperty("at").GetDateTimeOffset() >= middle);
        events.Should().HaveCount(all);
    }

    [Fact]
    public async Task A_towns_replay_plays_every_event_of_that_towns_incidents_and_none_of_the_others()
    {
        using var center = new CenterFactory(data, clock);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var from = clock.GetUtcNow();
        // 徐霞客镇 (JY10) and, at a point inside it, 璜土镇 (JY07).
        var huangtu = SampleCity.Hierarchy.Find("JY07")!.Geometry.InteriorPoint;
        var points = new[] { SampleCity.NextPoint(), (huangtu.Y, huangtu.X), SampleCity.NextPoint() };
        var ids = new List<string>();
        foreach (var (lat, lon) in points)
        {
            var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "两镇回放", channel = "hotline" });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            clock.Advance(TimeSpan.FromMinutes(2));
            (await operatorClient.PostAsJsonAsync($"/api/incidents/{ids[^1]}/actions/dispatch", new { memberId = "M00020" })).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(2));
        }
        var to = Instants.Query(clock.GetUtcNow().AddSeconds(1));

        async Task<List<JsonElement>> Events(string scope) =>
            (await supervisor.GetStringAsync($"/api/replay?from={Instants.Query(from)}&to={to}&scope={scope}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("kind").GetString() == "event").ToList();
        var town = await Events("JY10");
        var city = await Events("JY");

        town.Select(e => e.GetProperty("incidentId").GetString()).Distinct().Should().BeEquivalentTo([ids[0], ids[2]]);
        town.Select(e => e.GetRawText()).Should().Equal(
            city.Where(e => e.GetProperty("incidentId").GetString() != ids[1]).Select(e => e.GetRawText()),
            "a town's replay is the city's with the other towns' incidents left out, in the same order");
        city.Select(e => e.GetProperty("incidentId").GetString()).Should().Contain(ids[1]);
    }

    [Fact]
    public async Task Replay_is_for_supervisors_and_bad_windows_and_scopes_are_named()
    {
        using var center = new CenterFactory(data, clock);
        var supervisor = await center.ClientFor("supervisor1");
        var from = Instants.Query(Morning);
        var to = Instants.Query(Morning.AddHours(1));

        (await (await center.ClientFor("operator1")).GetAsync($"/api/replay?from={from}&to={to}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await center.CreateClient().GetAsync($"/api/replay?from={from}&to={to}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await ShouldName(supervisor, $"/api/replay?to={to}", "from");
        await ShouldName(supervisor, $"/api/replay?from={to}&to={from}", "to");
        await ShouldName(supervisor, $"/api/replay?from={from}&to={Instants.Query(Morning.AddDays(40))}", "to");
        await ShouldName(supervisor, $"/api/replay?from={from}&to={to}&scope=NOPE", "scope");
        await ShouldName(supervisor, $"/api/replay?from=yesterday&to={to}", "from");
        await ShouldName(supervisor, "/api/scopes/NOPE/state?at=" + from, "gridId");
        await ShouldName(supervisor, "/api/scopes/JY/state", "at");
        (await supervisor.GetAsync($"/api/incidents/JY-19990101-000001/state?at={from}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_incident_has_no_state_before_it_was_reported()
    {
        using var center = new CenterFactory(data, clock);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var before = clock.GetUtcNow().AddSeconds(-1);
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "x", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await supervisor.GetAsync($"/api/incidents/{id}/state?at={Instants.Query(before)}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("reported at");
    }

    private static async Task ShouldName(HttpClient client, string url, string field)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"{url} → {problem}");
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
