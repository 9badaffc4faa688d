using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// 一长五员 on their phones, real center and Chromium: a 网格长 sees its grid's case turn red, gets the ladder's notice
/// and re-dispatches within its grid; a 督查员 verifies a handled case on site with a photo and its position; a
/// 信息员's report reaches its block's 网格员. Scenes are set through the API; what each person does is in the page.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class TeamPhoneTests(WallFixture wall)
{
    /// <summary>The 网格员 of a block in the sample roster (the smallest member id, as the informant routing takes it).</summary>
    private static string WorkerOf(string blockId)
    {
        using var roster = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "samples", "Jiangyin", "roster.json")));
        return roster.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "GridWorker" && m.GetProperty("gridId").GetString() == blockId)
            .Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).First();
    }

    [Fact]
    public async Task A_grid_leader_sees_its_grids_case_turn_red_gets_the_ladders_notice_at_once_and_re_dispatches_within_its_grid()
    {
        const string leader = "M00460"; // 网格长 of village JY05-01
        var phone = await wall.OpenWorker(leader);
        await phone.Locator("nav.tabs button[data-tab='grid']").ClickAsync();
        var at = wall.NextPoint("JY05-01");
        // Urgent: the wall's policy gives 12 s to dispatch, so it turns red within seconds with nobody dispatching.
        var id = await wall.Report(at, "E0401", "urgent", "村道路面塌陷，无人处理");

        var card = phone.Locator($"section[data-tab='grid'] .task[data-id='{id}']");
        await card.WaitForAsync();
        // The small map of its grid draws the case where it is.
        await phone.WaitForFunctionAsync("id => window.__worker.gridMapIncidents?.().includes(id)", id);
        await phone.Locator($".assignment-banner[data-kind='breach'][data-id='{id}']").WaitForAsync(new() { Timeout = 30_000 });
        await phone.Locator($"section[data-tab='grid'] .task[data-id='{id}'][data-light='red']").WaitForAsync();

        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var due = incident.GetProperty("deadlines").EnumerateArray().First(d => d.GetProperty("step").GetString() == "dispatch").GetProperty("dueAt").GetDateTimeOffset();
        var told = incident.GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "breach");
        told.GetProperty("memberId").GetString().Should().Be(leader, "the first rung is the grid's 网格长");
        (told.GetProperty("sentAt").GetDateTimeOffset() - due).Should().BeLessThan(TimeSpan.FromSeconds(1), "the clock escalates at the due instant");

        // Re-dispatch from the card, to a 网格员 of its own village.
        var worker = WorkerOf(at.Block.Id);
        var dispatch = card.Locator("details.task-more[data-action='dispatch']");
        await dispatch.Locator("summary").ClickAsync();
        await dispatch.Locator("select[name=memberId]").SelectOptionAsync(worker);
        await dispatch.Locator("button.action-dispatch").ClickAsync();
        await phone.Locator($"section[data-tab='grid'] .task[data-id='{id}'][data-state='dispatched']").WaitForAsync();
        (await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("assigneeId").GetString().Should().Be(worker);
        await WallFixture.Screenshot(phone, "grid-leader-390x844.png");
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inspector_verifies_a_handled_case_on_site_with_a_photo_and_its_position()
    {
        const string inspector = "M00556"; // 督查员 of 利港街道 JY06
        var at = wall.NextPoint("JY06");
        var id = await wall.Report(at, "E0107", "normal", "电箱小广告");
        var worker = WorkerOf(at.Block.Id);
        await wall.Dispatch(id, worker);
        var handler = await wall.Center.ClientFor(worker);
        (await handler.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await handler.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清除" })).EnsureSuccessStatusCode();

        var phone = await wall.OpenWorker(inspector);
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)at.Lat, Longitude = (float)at.Lon, Accuracy = 10 });
        await phone.Locator("nav.tabs button[data-tab='verify']").ClickAsync();
        var card = phone.Locator($"section[data-tab='verify'] .task[data-id='{id}']");
        var verify = card.Locator("details.task-more[data-action='verify']");
        await verify.Locator("summary").ClickAsync();
        await verify.Locator("select[name=passed]").SelectOptionAsync("true");
        await verify.Locator("textarea[name=note]").FillAsync("现场查看，已清除干净");
        await verify.Locator("input[name=photos]").SetInputFilesAsync(Desk.Photo);
        await verify.Locator("button.action-verify").ClickAsync();

        await card.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 20_000 });
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("verified");
        var check = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "verify");
        check.GetProperty("actor").GetString().Should().Be(inspector);
        check.GetProperty("photos").GetArrayLength().Should().Be(1);
        var events = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events");
        var position = events.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "Verify").GetProperty("position");
        position.GetProperty("lat").GetDouble().Should().BeApproximately(at.Lat, 1e-4);
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task An_informants_report_reaches_its_blocks_worker_on_the_phone()
    {
        const string informant = "M00704"; // 信息员 of 璜土镇 JY07
        var at = wall.NextPoint("JY07-03");
        var worker = WorkerOf(at.Block.Id);
        var workerPhone = await wall.OpenWorker(worker);
        var phone = await wall.OpenWorker(informant);
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)at.Lat, Longitude = (float)at.Lon, Accuracy = 10 });
        (await phone.Locator("nav.tabs button[data-tab='patrol']").CountAsync()).Should().Be(0, "a 信息员 reports; it has no patrol to run");

        await phone.Locator("nav.tabs button[data-tab='report']").ClickAsync();
        await phone.Locator("select[name=category]").SelectOptionAsync("E0704");
        await phone.Locator("textarea[name=description]").FillAsync("5号楼楼道堆放杂物，堵住安全出口");
        await phone.GetByText("使用当前位置").ClickAsync();
        await phone.Locator(".report-where", new() { HasTextString = at.Lat.ToString("0.00000") }).WaitForAsync();
        await phone.Locator("form.report button[type=submit]").ClickAsync();
        var message = phone.Locator(".report-message", new() { HasTextString = "已上报" });
        await message.WaitForAsync();
        var id = (await message.InnerTextAsync()).Split(' ')[1];

        await workerPhone.Locator($".task[data-id='{id}']").WaitForAsync(new() { Timeout = 10_000 });
        (await workerPhone.Locator(".assignment-banner").InnerTextAsync()).Should().Contain(id);
        await phone.Locator("nav.tabs button[data-tab='mine']").ClickAsync();
        await phone.Locator($".my-reports li[data-id='{id}'][data-state='dispatched']").WaitForAsync();
        await workerPhone.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inspector_drawn_for_a_random_check_records_it_on_the_phone()
    {
        // The scene: a handled case, and the day's draw run by an admin.
        var at = wall.NextPoint("JY08");
        var id = await wall.Report(at, "E0107", "normal", "双随机抽查：电线杆小广告");
        var worker = WorkerOf(at.Block.Id);
        await wall.Dispatch(id, worker);
        var handler = await wall.Center.ClientFor(worker);
        (await handler.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await handler.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清除" })).EnsureSuccessStatusCode();
        var admin = await wall.Center.ClientFor("admin");
        (await admin.PostAsync("/api/jobs/random-inspection/run", null)).EnsureSuccessStatusCode();
        var drawn = (await admin.GetFromJsonAsync<JsonElement>("/api/inspections")).EnumerateArray().First(t => t.GetProperty("state").GetString() == "drawn");
        var (taskId, inspector, checkedCase) = (drawn.GetProperty("id").GetString()!, drawn.GetProperty("inspectorId").GetString()!, drawn.GetProperty("incidentId").GetString()!);

        var phone = await wall.OpenWorker(inspector);
        await phone.Locator("nav.tabs button[data-tab='checks']").ClickAsync();
        var task = phone.Locator($".inspection[data-id='{taskId}']");
        await task.Locator(".inspection-head").ClickAsync();
        await task.Locator("select[name=passed]").SelectOptionAsync("true");
        await task.Locator("textarea[name=note]").FillAsync("抽查合格");
        await task.Locator("input[name=photos]").SetInputFilesAsync(Desk.Photo);
        await task.Locator("form.inspection-form button[type=submit]").ClickAsync();

        await phone.Locator($".inspection[data-id='{taskId}'][data-state='recorded']").WaitForAsync();
        var recorded = await admin.GetFromJsonAsync<JsonElement>($"/api/inspections/{taskId}");
        recorded.GetProperty("result").GetProperty("passed").GetBoolean().Should().BeTrue();
        recorded.GetProperty("result").GetProperty("recordedBy").GetString().Should().Be(inspector);
        recorded.GetProperty("result").GetProperty("photos").GetArrayLength().Should().Be(1);

        // 一公开: the result is on the public page, signed in by nobody, without anybody's name.
        var visitor = await wall.NewPage(1280, 800);
        await visitor.GotoAsync(new Uri(wall.Center.Address, "/public/inspections").ToString());
        var row = visitor.Locator("#towns tr", new() { HasTextString = checkedCase });
        await row.Locator("td.pass").WaitForAsync();
        (await visitor.Locator("#towns").InnerTextAsync()).Should().NotContain(inspector);
        await visitor.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }
}
