using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The supervisor's KPI page in a real browser: a known day of one town made through the public API (cases taken
/// round the loop in two villages, one answered unhappily, one still being handled), then read on the page for that
/// town and today: a tile shows the server's figure, a click lists exactly the server's cases behind it, a ranking
/// cell lists its row's, and a case opens in the replay at its instant, focused.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class SupervisorPageTests(WallFixture wall)
{
    private const string Town = "JY09";              // 青阳镇: no other browser test reports there
    private const string WorkerNorth = "M00967";     // 孔峰雪, grid worker of JY09-01-01
    private const string WorkerSouth = "M00979";     // 沈欣诗, grid worker of JY09-02-01

    [Fact]
    public async Task A_supervisor_reads_a_towns_day_and_every_figure_opens_the_servers_cases_each_in_the_replay()
    {
        using var supervisor = await wall.Center.ClientFor("supervisor1");
        var happy = await Closed("JY09-01", WorkerNorth, satisfaction: 5, "考核测试：菜场门口暴露垃圾");
        var unhappy = await Closed("JY09-02", WorkerSouth, satisfaction: 2, "考核测试：路灯不亮");
        var open = await wall.Report(wall.NextPoint("JY09-01"), "E0102", "normal", "考核测试：绿化带垃圾");
        await wall.Dispatch(open, WorkerNorth);

        var page = await wall.NewPage(1920, 1080);
        var refusals = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) refusals.Add(message.Text); };
        await page.GotoAsync(new Uri(wall.Center.Address, $"/supervisor?scope={Town}&period=today").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__supervisor && window.__supervisor.ready", null, new() { Timeout = 60_000 });

        // The window is today in the city's calendar (the browser sits in New York), for the town.
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await supervisor.GetFromJsonAsync<JsonElement>("/api/city")).GetProperty("timeZone").GetString()!);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date;
        var shown = await page.EvaluateAsync<JsonElement>("() => window.__supervisor.window");
        shown.GetProperty("scope").GetString().Should().Be(Town);
        shown.GetProperty("first").GetString().Should().Be(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var from = shown.GetProperty("from").GetDateTimeOffset();
        var to = shown.GetProperty("to").GetDateTimeOffset();
        from.Should().Be(new DateTimeOffset(today, zone.GetUtcOffset(today)), "the day starts at the city's midnight");
        to.Should().Be(from.AddDays(1));
        var window = $"scope={Town}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

        // The charts of what came in: the page holds the server's counts, and the heat map one position per report.
        var activity = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/activity?{window}");
        var drawn = await page.EvaluateAsync<JsonElement>("() => window.__supervisor.activity()");
        drawn.GetProperty("reports").GetInt32().Should().Be(activity.GetProperty("reports").GetInt32()).And.BeGreaterThan(0);
        static string[] Counts(JsonElement rows) => rows.EnumerateArray().Select(r => $"{r.GetProperty("key").GetString()}={r.GetProperty("count").GetInt32()}").ToArray();
        Counts(drawn.GetProperty("byChannel")).Should().Equal(Counts(activity.GetProperty("byChannel")));
        Counts(drawn.GetProperty("byCategory")).Should().Equal(Counts(activity.GetProperty("byCategory")));
        (await page.EvaluateAsync<int>("() => window.__supervisor.heatPoints()")).Should().Be(activity.GetProperty("points").GetArrayLength());
        (await page.Locator("#chart-categories canvas").CountAsync()).Should().BeGreaterThan(0, "the categories are drawn");

        // A tile per indicator the report carries, each figure the server's.
        var total = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{window}")).GetProperty("total");
        (await page.EvaluateAsync<string[]>("() => window.__supervisor.tiles()"))
            .Should().BeEquivalentTo(total.EnumerateObject().Select(p => p.Name));
        foreach (var kpi in new[] { "satisfaction", "closedOnTime" })
        {
            var figure = total.GetProperty(kpi);
            var tile = page.Locator($".kpi-tile[data-kpi='{kpi}']");
            (await tile.Locator(".tile-value").InnerTextAsync()).Should().Be(Percent(figure.GetProperty("rate").GetDouble()));
            (await tile.Locator(".tile-detail").InnerTextAsync())
                .Should().Be($"{figure.GetProperty("numerator").GetInt32()} / {figure.GetProperty("denominator").GetInt32()}");
        }
        total.GetProperty("satisfaction").GetProperty("denominator").GetInt32().Should().BeGreaterThanOrEqualTo(2, "both closed cases were answered");
        (await page.Locator(".kpi-tile[data-kpi='satisfaction'] .tile-trend").InnerTextAsync()).Should().NotBeEmpty();
        (await page.EvaluateAsync<int>("() => window.__supervisor.dayCalls")).Should().Be(1, "a day's period is one day's figure");

        // The tile's cases are exactly the server's, in its order; narrowed to those not met, again the server's.
        await page.Locator(".kpi-tile[data-kpi='satisfaction']").ClickAsync();
        var listed = await Listed(page);
        var expected = await Cases(supervisor, $"{window}&kpi=satisfaction");
        listed.Should().Equal(expected);
        listed.Should().Contain([happy, unhappy]);
        await page.Locator(".cases-filter[data-met='false']").ClickAsync();
        var notMet = await Listed(page);
        notMet.Should().Equal(await Cases(supervisor, $"{window}&kpi=satisfaction&met=false"));
        notMet.Should().Contain(unhappy).And.NotContain(happy);
        await page.Locator(".cases-dialog .cases-close").ClickAsync();

        // A ranking cell (a village's handled-on-time) lists that row's cases, by the same grouping.
        var cell = page.Locator("table.ranking[data-by='grid'] td.cell-figure[data-kpi='handledOnTime'][data-key='JY09-02']");
        await cell.ClickAsync();
        var village = await Listed(page);
        village.Should().Equal(await Cases(supervisor, $"{window}&by=grid&key=JY09-02&kpi=handledOnTime")).And.Contain(unhappy).And.NotContain(happy);
        (await page.EvaluateAsync<string[]>("() => window.__supervisor.ranking('member')")).Should().Contain([WorkerNorth, WorkerSouth]);
        (await page.EvaluateAsync<Dictionary<string, string>>("() => window.__supervisor.map()")).Should().ContainKey("JY09-02");
        await WallFixture.Screenshot(page, "supervisor-cases-1920x1080.png");

        // The case opens in the replay: the hour either side of its instant, in the town, the case focused.
        var at = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{window}&by=grid&key=JY09-02&kpi=handledOnTime"))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == unhappy).GetProperty("at").GetDateTimeOffset();
        await page.Locator($".case-row[data-id='{unhappy}'] a.case-replay").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/replay"));
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.loaded", null, new() { Timeout = 60_000 });
        var replay = await page.EvaluateAsync<JsonElement>("() => window.__replay.window");
        replay.GetProperty("scope").GetString().Should().Be(Town);
        // (The replay's window inputs hold whole seconds: the link widens the hour either side to them.)
        var hourBefore = at.AddHours(-1).ToUnixTimeMilliseconds();
        var hourAfter = at.AddHours(1).ToUnixTimeMilliseconds();
        replay.GetProperty("from").GetInt64().Should().Be(hourBefore - ((hourBefore % 1000) + 1000) % 1000);
        replay.GetProperty("to").GetInt64().Should().Be(hourAfter % 1000 == 0 ? hourAfter : hourAfter - hourAfter % 1000 + 1000);
        (await page.EvaluateAsync<string>("() => window.__replay.focused")).Should().Be(unhappy);
        await page.WaitForFunctionAsync("id => window.__replay.selectedIds().includes(id)", unhappy);
        await page.WaitForFunctionAsync("t => Math.abs(window.__replay.drawnAt - t) < 1", at.ToUnixTimeMilliseconds());
        await WallFixture.Screenshot(page, "supervisor-case-in-replay-1920x1080.png");

        // Back on the page (its address keeps the scope and the period), the whole view for the screenshot.
        await page.GoBackAsync();
        await page.WaitForFunctionAsync("() => window.__supervisor && window.__supervisor.ready", null, new() { Timeout = 60_000 });
        (await page.EvaluateAsync<string>("() => window.__supervisor.window.scope")).Should().Be(Town);
        await WallFixture.Screenshot(page, "supervisor-1920x1080.png");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(WallFixture.Screenshots, "supervisor-whole-page-1920.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
        refusals.Should().BeEmpty("the page runs behind the content security policy");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_is_turned_away_from_the_kpis_at_sign_in()
    {
        var page = await wall.NewPage(1280, 800);
        await page.GotoAsync(new Uri(wall.Center.Address, "/supervisor").ToString());
        await WallFixture.SignIn(page, "operator1", CenterFactory.DemoPassword);
        await page.Locator(".signin-message", new() { HasTextString = "督查员" }).WaitForAsync();
        (await page.EvaluateAsync<bool>("() => window.__supervisor === undefined")).Should().BeTrue();
        await page.Context.CloseAsync();
    }

    /// <summary>A case reported in the village, taken round the loop by its worker and answered with the satisfaction given.</summary>
    private async Task<string> Closed(string village, string worker, int satisfaction, string description)
    {
        var id = await wall.Report(wall.NextPoint(village), "E0102", "normal", description);
        await wall.Dispatch(id, worker);
        using var hand = await wall.Center.ClientFor(worker);
        using var supervisor = await wall.Center.ClientFor("supervisor1");
        await Act(hand, id, "accept", new { });
        await Act(hand, id, "resolve", new { note = "已处理" });
        await Act(supervisor, id, "verify", new { passed = true });
        await Act(wall.Operator, id, "evaluate", new { satisfaction });
        return id;
    }

    private static async Task<string[]> Listed(IPage page)
    {
        await page.Locator(".cases-dialog[data-loaded='true']").WaitForAsync();
        return (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.cases-dialog .case-row')].map(r => r.dataset.id)"))!;
    }

    private static async Task<string[]> Cases(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{query}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("incidentId").GetString()!).ToArray();

    /// <summary>A rate as the page writes it: a percentage to one decimal.</summary>
    private static string Percent(double rate) =>
        (Math.Round(rate * 1000, MidpointRounding.AwayFromZero) / 10).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static async Task Act(HttpClient client, string id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{action} on {id}: {await response.Content.ReadAsStringAsync()}");
    }
}
