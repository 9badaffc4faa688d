using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The supervisor's replay page in a real browser: a few minutes of a town's history made through the public API
/// (an incident taken round the loop, an urgent one left to breach on the fast SLA policy, a worker's patrol pings),
/// then replayed: seeking, playing at speed, the KPIs and the worker's track.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class ReplayPageTests(WallFixture wall)
{
    private const string Town = "JY07";            // 璜土镇
    private const string Worker = "M00709";        // 田雨琳, grid worker of 璜土镇
    private const string WorkerBlock = "JY07-01-01";

    [Fact]
    public async Task A_supervisor_replays_a_towns_window_seeing_incidents_appear_move_through_their_steps_breach_and_a_workers_track()
    {
        // History: A is dispatched, accepted, handled, verified and evaluated; B (urgent) is never dispatched and breaches.
        var start = DateTimeOffset.UtcNow;
        var a = await wall.Report(wall.NextPoint(Town), "E0102", "normal", "回放测试：菜场东门暴露垃圾");
        var b = await wall.Report(wall.NextPoint(Town), "E0401", "urgent", "回放测试：路面塌陷，已临时围挡");
        await wall.Dispatch(a, Worker);
        using var worker = await wall.Center.ClientFor(Worker);
        using var supervisor = await wall.Center.ClientFor("supervisor1");
        await Act(worker, a, "accept", new { });
        var patrol = await SendPatrol(worker);
        var pings = patrol.Count;
        await Until(async () => (await Incident(b)).GetProperty("escalation").GetString() != "None", "B breaches its 12 s dispatch limit");
        await Act(worker, a, "resolve", new { note = "已清运" });
        await Act(supervisor, a, "verify", new { passed = true });
        await Act(wall.Operator, a, "evaluate", new { satisfaction = 5 });
        var end = DateTimeOffset.UtcNow.AddSeconds(2);

        var incidentA = await Incident(a);
        var reportedA = incidentA.GetProperty("createdAt").GetDateTimeOffset();
        var acceptedA = At(incidentA, "accept");
        var resolvedA = At(incidentA, "resolve");

        var page = await wall.NewPage(1920, 1080);
        var refusals = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) refusals.Add(message.Text); };
        await page.GotoAsync(new Uri(wall.Center.Address, "/replay").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.loaded", null, new() { Timeout = 60_000 });

        // The window (city time in the inputs, in the city's zone from its data, not the browser's) and the town as the scope.
        var cityZone = (await supervisor.GetFromJsonAsync<JsonElement>("/api/city")).GetProperty("timeZone").GetString()!;
        (await page.InnerTextAsync(".clock-zone")).Should().Contain(cityZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(cityZone);
        await page.FillAsync("input.window-from", CityInput(start.AddSeconds(-5), zone));
        await page.FillAsync("input.window-to", CityInput(end, zone));
        await page.FillAsync("input.window-scope", Town);
        (await page.Locator(".scope-name").InnerTextAsync()).Should().Be("璜土镇");
        await page.ClickAsync("button.load");
        await page.WaitForFunctionAsync("town => window.__replay.loaded && window.__replay.window.scope === town", Town);
        (await page.Locator(".load-status").InnerTextAsync()).Should().Contain("璜土镇").And.Contain("events");
        var from = DateTimeOffset.FromUnixTimeMilliseconds(await page.EvaluateAsync<long>("() => window.__replay.window.from"));

        // Before A was reported: neither on the board nor on the map.
        await Seek(page, from, reportedA.AddSeconds(-1));
        (await page.Locator($".replay-row[data-id='{a}']").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<string[]>("() => window.__replay.mapIncidentIds()")).Should().NotContain(a);
        var before = await Kpis(page);

        // While A was being handled: on the map and the board at step 4 (处置中), B still within its limit.
        var handling = acceptedA + (resolvedA - acceptedA) / 4;
        await Seek(page, from, handling);
        var rowA = page.Locator($".replay-row[data-id='{a}']");
        await page.Locator($".replay-row[data-id='{a}'][data-state='handling'][data-step='4']").WaitForAsync();
        (await rowA.Locator(".cell.state").InnerTextAsync()).Should().Contain("处置中").And.Contain("田雨琳");
        // (WaitForFunction does not await a promise, so the map's source is read with Evaluate, once the board has drawn.)
        (await page.EvaluateAsync<string[]>("() => window.__replay.mapIncidentIds()")).Should().Contain(a);
        await page.Locator($".replay-row[data-id='{b}'][data-state='gridded']").WaitForAsync();
        (await page.Locator($".replay-row[data-id='{b}']").GetAttributeAsync("data-light")).Should().NotBe("red");
        var during = await Kpis(page);
        during["reported"].Should().BeGreaterThanOrEqualTo(before["reported"] + 2, "A and B were reported in between");
        during["dispatched"].Should().BeGreaterThan(before["dispatched"]);

        // Played at 100×: the clock runs on, A closes (greyed) and B turns red, and the KPIs count it.
        await page.SelectOptionAsync("select.speed", "100");
        var clockBefore = await page.InnerTextAsync(".replay-clock");
        await page.ClickAsync("button.play");
        await page.WaitForFunctionAsync("t => window.__replay.at > t + 1000", handling.ToUnixTimeMilliseconds());
        await page.Locator($".replay-row[data-id='{a}'][data-open='false']").WaitForAsync();
        await page.Locator($".replay-row[data-id='{b}'][data-light='red']").WaitForAsync();
        await page.WaitForFunctionAsync("() => !window.__replay.playing", null, new() { Timeout = 30_000 });
        (await page.InnerTextAsync(".replay-clock")).Should().NotBe(clockBefore);
        (await page.EvaluateAsync<double>("() => window.__replay.at")).Should().Be(await page.EvaluateAsync<double>("() => window.__replay.window.to"), "play stops at the window's end");
        var after = await Kpis(page);
        after["breaches"].Should().BeGreaterThan(during["breaches"], "B breached after that instant");
        after["closed"].Should().BeGreaterThan(during["closed"], "A was closed after that instant");
        (await page.Locator("[data-kpi='ontime'] .counter-value").InnerTextAsync()).Should().EndWith("%");
        await page.Locator(".server-kpis", new() { HasTextString = "/api/kpis" }).WaitForAsync();

        // The worker's patrol track for the window, with the marker where the worker was at the clock.
        (await page.Locator($"select.track-handlers option[value='{Worker}']").CountAsync()).Should().Be(1, "the worker handled an incident of the window");
        await page.FillAsync("input.track-member", Worker);
        await page.ClickAsync(".track-form button[type=submit]");
        await page.Locator(".track-info", new() { HasTextString = $"{pings} 个定位点" }).WaitForAsync();
        (await page.EvaluateAsync<int>("() => window.__replay.trackPoints()")).Should().Be(pings, "the track layer holds every fix of the window");
        (await page.EvaluateAsync<JsonElement>("() => window.__replay.trackPosition()")).ValueKind.Should().Be(JsonValueKind.Object);
        // The marker follows the clock: none before the first fix, halfway between two fixes halfway between their instants.
        await Seek(page, from, from);
        (await page.EvaluateAsync<JsonElement>("() => window.__replay.trackPosition()")).ValueKind.Should().Be(JsonValueKind.Null);
        await Seek(page, from, patrol[1].At + (patrol[2].At - patrol[1].At) / 2);
        var marker = await page.EvaluateAsync<JsonElement>("() => window.__replay.trackPosition()");
        marker.GetProperty("lat").GetDouble().Should().BeApproximately((patrol[1].Lat + patrol[2].Lat) / 2, 0.00002);

        // Between B's warning and its deadline: yellow on the board, A still being handled.
        var dispatchClock = (await Incident(b)).GetProperty("deadlines").EnumerateArray().First(d => d.GetProperty("step").GetString() == "dispatch");
        var warnAt = dispatchClock.GetProperty("warnAt").GetDateTimeOffset();
        var warned = warnAt + (dispatchClock.GetProperty("dueAt").GetDateTimeOffset() - warnAt) / 2;
        await Seek(page, from, warned);
        await page.Locator($".replay-row[data-id='{b}'][data-light='yellow']").WaitForAsync();
        await page.Locator($".replay-row[data-id='{a}'][data-state='handling']").WaitForAsync();
        // What the page worked out from the stream is what the server's own replay says for that instant.
        var server = await supervisor.GetFromJsonAsync<JsonElement>($"/api/scopes/{Town}/state?at={Uri.EscapeDataString(warned.ToString("O"))}");
        foreach (var id in new[] { a, b })
        {
            var expected = server.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
            var shown = page.Locator($".replay-row[data-id='{id}']");
            (await shown.GetAttributeAsync("data-state")).Should().Be(expected.GetProperty("state").GetString());
            (await shown.GetAttributeAsync("data-step")).Should().Be(expected.GetProperty("step").GetInt32().ToString(CultureInfo.InvariantCulture));
            (await shown.GetAttributeAsync("data-light")).Should().Be(expected.GetProperty("light").GetString());
        }

        await WallFixture.Screenshot(page, "replay-1920x1080.png");
        refusals.Should().BeEmpty("the page runs behind the content security policy");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_is_turned_away_from_the_replay_at_sign_in()
    {
        var page = await wall.NewPage(1280, 800);
        await page.GotoAsync(new Uri(wall.Center.Address, "/replay").ToString());
        await WallFixture.SignIn(page, "operator1", CenterFactory.DemoPassword);
        await page.Locator(".signin-message", new() { HasTextString = "督查员" }).WaitForAsync();
        (await page.EvaluateAsync<bool>("() => window.__replay === undefined")).Should().BeTrue();
        await page.Context.CloseAsync();
    }

    private sealed record Fix(double Lat, double Lon, DateTimeOffset At);

    /// <summary>Five fixes a second apart (the last one now), walking north through the worker's own block; all are kept.</summary>
    private static async Task<IReadOnlyList<Fix>> SendPatrol(HttpClient worker)
    {
        var home = SampleCity.Hierarchy.Find(WorkerBlock)!.Geometry.InteriorPoint;
        var now = DateTimeOffset.UtcNow;
        var pings = Enumerable.Range(0, 5).Select(i => new Fix(home.Y + i * 0.0002, home.X, now.AddSeconds(i - 4))).ToArray();
        var response = await worker.PostAsJsonAsync($"/api/members/{Worker}/locations", new { pings });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("refused").GetArrayLength().Should().Be(0, answer.ToString());
        return pings;
    }

    private static async Task Seek(IPage page, DateTimeOffset from, DateTimeOffset at)
    {
        var offset = (long)(at - from).TotalMilliseconds;
        await page.FillAsync("input.seek", offset.ToString(CultureInfo.InvariantCulture));
        await page.WaitForFunctionAsync("t => Math.abs(window.__replay.drawnAt - t) < 1", from.ToUnixTimeMilliseconds() + offset);
    }

    private static async Task<Dictionary<string, int>> Kpis(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__replay.kpis !== null");
        return (await page.EvaluateAsync<Dictionary<string, int>>("() => window.__replay.kpis"))!;
    }

    private async Task<JsonElement> Incident(string id) => await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");

    private static DateTimeOffset At(JsonElement incident, string action) =>
        incident.GetProperty("timeline").EnumerateArray().First(e => e.GetProperty("action").GetString() == action).GetProperty("at").GetDateTimeOffset();

    private static async Task Act(HttpClient client, string id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{action} on {id}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls the API until the condition holds (the SLA clock acts on its own time).</summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 40 s for: {what}");
            await Task.Delay(250);
        }
    }

    /// <summary>The value of a datetime-local input showing the instant in city time (Chrome drops ":00" seconds).</summary>
    private static string CityInput(DateTimeOffset at, TimeZoneInfo zone)
    {
        var text = TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return text.EndsWith(":00", StringComparison.Ordinal) ? text[..^3] : text;
    }
}
