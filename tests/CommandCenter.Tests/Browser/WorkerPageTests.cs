using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>The worker's phone page in a real browser: assignments arrive live, and what the worker does shows on the wall.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class WorkerPageTests(WallFixture wall)
{
    [Fact]
    public async Task The_assigned_worker_receives_the_dispatch_live_and_accepting_it_turns_it_to_handling_on_the_wall()
    {
        const string worker = "M00130";
        var wallPage = await wall.OpenWall();
        var phone = await wall.OpenWorker(worker);

        var id = await wall.Report(wall.NextPoint("JY10"), "E0102", "normal", "菜场东门暴露垃圾，气味明显");
        await wall.Dispatch(id, worker);

        var card = phone.Locator($".task[data-id='{id}']");
        await card.WaitForAsync(new() { Timeout = 5_000 });
        (await phone.Locator(".assignment-banner").InnerTextAsync()).Should().Contain("新任务").And.Contain(id);
        await card.Locator("button.task-accept").WaitForAsync();
        await WallFixture.Screenshot(phone, "worker-390x844.png");

        await card.Locator("button.task-accept").ClickAsync();

        await wallPage.Locator($".board-row[data-id='{id}'][data-state='handling']").WaitForAsync(new() { Timeout = 5_000 });
        (await wallPage.Locator($".board-row[data-id='{id}'] .cell.state").InnerTextAsync()).Should().Contain("处置中");
        await phone.Locator($".task[data-id='{id}'][data-state='handling']").WaitForAsync();
        await card.Locator("form.task-resolve-form textarea[name=note]").WaitForAsync();

        await phone.Context.CloseAsync();
        await wallPage.Context.CloseAsync();
    }

    [Fact]
    public async Task Resolving_on_the_phone_with_a_note_moves_the_incident_on_and_takes_it_off_the_workers_list()
    {
        const string worker = "M00131";
        var phone = await wall.OpenWorker(worker);
        var id = await wall.Report(wall.NextPoint(), "C0109", "normal", "小区北门路灯不亮");
        await wall.Dispatch(id, worker);
        var card = phone.Locator($".task[data-id='{id}']");
        await card.Locator("button.task-accept").ClickAsync();

        await card.Locator("form.task-resolve-form textarea[name=note]").FillAsync("已更换灯泡，恢复照明");
        await card.Locator("button.task-resolve").ClickAsync();

        await phone.WaitForFunctionAsync("id => !window.__worker.incidentIds().includes(id) || document.querySelector(`.task[data-id='${id}']`)?.dataset.state === 'handled'", id);
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("handled");
        incident.GetProperty("timeline").EnumerateArray().Should().Contain(e => e.GetProperty("note").GetString() == "已更换灯泡，恢复照明");

        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_worker_reports_an_incident_where_it_stands_and_patrol_sends_its_positions()
    {
        const string worker = "M00132";
        var phone = await wall.OpenWorker(worker);
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = 31.9017f, Longitude = 120.2824f, Accuracy = 10 });

        await phone.Locator("nav.tabs button[data-tab='report']").ClickAsync();
        await phone.Locator("select[name=category]").SelectOptionAsync("E0502");
        await phone.Locator("textarea[name=description]").FillAsync("早点摊占用人行道");
        await phone.GetByText("使用当前位置").ClickAsync();
        await phone.Locator(".report-where", new() { HasTextString = "31.90170" }).WaitForAsync();
        await phone.Locator("form.report button[type=submit]").ClickAsync();
        var message = phone.Locator(".report-message", new() { HasTextString = "已上报" });
        await message.WaitForAsync();
        var id = (await message.InnerTextAsync()).Split(' ')[1];
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("channel").GetString().Should().Be("worker-app");
        incident.GetProperty("gridId").GetString().Should().StartWith("JY01", "the phone's position is in 澄江街道");

        await phone.Locator("nav.tabs button[data-tab='patrol']").ClickAsync();
        await phone.Locator("button.patrol-toggle").ClickAsync();
        await phone.Locator(".patrol-info dd", new() { HasTextString = "31.90170" }).WaitForAsync();
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = 31.9030f, Longitude = 120.2840f, Accuracy = 10 });
        await phone.Locator("button.patrol-toggle").ClickAsync(); // stopping sends what is pending at once
        await phone.WaitForFunctionAsync("() => document.querySelector('.patrol-info dd.patrol-sent')?.textContent !== '0'");
        // The tab shows today's patrol distance and time as the server counts them (read when the tab opens and after each
        // batch; two fixes a few hundred metres apart within a second are a jump to the patrol rule, so the figures
        // themselves are PatrolApiTests' business).
        await phone.WaitForFunctionAsync("() => /\\d/.test(document.querySelector('.patrol-info dd.patrol-distance')?.textContent ?? '')");
        (await phone.Locator(".patrol-info dd.patrol-time").InnerTextAsync()).Should().MatchRegex(@"^\d+ (min|h)");

        var member = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/members/{worker}");
        member.GetProperty("lastLocation").GetProperty("lat").GetDouble().Should().BeApproximately(31.90, 0.01);

        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_worker_reports_at_a_place_found_in_the_gazetteer_by_its_initials()
    {
        var phone = await wall.OpenWorker("M00133");
        await phone.Locator("nav.tabs button[data-tab='report']").ClickAsync();
        await phone.Locator("select[name=category]").SelectOptionAsync("E0107");
        await phone.Locator("textarea[name=description]").FillAsync("政府门口电箱上张贴小广告");
        // 月城镇人民政府 by its initials, as a worker types on a phone keyboard.
        await phone.Locator("input[name=address]").FillAsync("ycz");
        var place = phone.Locator(".report-places li", new() { HasTextString = "月城镇人民政府" });
        await place.ClickAsync();
        await phone.Locator(".report-where", new() { HasTextString = "月城镇人民政府" }).WaitForAsync();
        await phone.Locator("form.report button[type=submit]").ClickAsync();

        var message = phone.Locator(".report-message", new() { HasTextString = "已上报" });
        await message.WaitForAsync();
        var id = (await message.InnerTextAsync()).Split(' ')[1];
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()).Should().Contain("JY08", "the place is in 月城镇");
        incident.GetProperty("address").GetString().Should().Be("月城镇人民政府");
        await phone.Context.CloseAsync();
    }
}
