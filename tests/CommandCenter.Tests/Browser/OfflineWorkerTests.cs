using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The worker's phone with the network cut: Chromium's offline emulation for the page, and every request that
/// still goes out (the service worker's own, which the emulation does not cover; Playwright routes them when
/// PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS is set, as the fixture does) aborted as a disconnected network
/// would, so nothing reaches the center until the test gives the network back.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class OfflineWorkerTests(WallFixture wall)
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_worker_accepts_resolves_with_a_photo_reports_and_patrols_offline_and_after_a_reload_everything_reaches_the_center_once_and_in_order()
    {
        const string worker = "M00140";
        var wallPage = await wall.OpenWall();
        var phone = await OpenOfflineReadyWorker(worker);
        var near = wall.NextPoint("JY01");
        var id = await wall.Report(near, "E0102", "normal", "离线测试：桥下暴露垃圾");
        await wall.Dispatch(id, worker);
        var card = phone.Locator($".task[data-id='{id}']");
        await card.Locator("button.task-accept").WaitForAsync();
        var photo = await PhoneCamera.Photo(phone, TakenAt, 31.9017, 120.2824);
        var words = "t" + Guid.NewGuid().ToString("N")[..10];

        await GoOffline(phone);
        await phone.Locator(".offline-strip[data-state='offline']").WaitForAsync();

        // 接单, then 处置 with a photo: the card offers 处置 because the center said it follows 接单.
        await card.Locator("button.task-accept").ClickAsync();
        await card.Locator(".task-message", new() { HasTextString = "已保存在手机上" }).WaitForAsync();
        await card.Locator(".task-queued", new() { HasTextString = "接单" }).WaitForAsync();
        await card.Locator("form.task-resolve-form textarea[name=note]").FillAsync("已清运，现场照片见附件");
        await card.Locator("form.task-resolve-form input[type=file]").SetInputFilesAsync(new FilePayload { Name = "scene.jpg", MimeType = "image/jpeg", Buffer = photo });
        await card.Locator("button.task-resolve").ClickAsync();
        await card.Locator(".task-queued", new() { HasTextString = "处置完成" }).WaitForAsync();

        // A new report with a photo, where the phone stands.
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)near.Lat, Longitude = (float)near.Lon, Accuracy = 10 });
        await phone.Locator("nav.tabs button[data-tab='report']").ClickAsync();
        await phone.Locator("select[name=category]").SelectOptionAsync("E0502");
        await phone.Locator("textarea[name=description]").FillAsync($"离线上报 {words} 早点摊占用人行道");
        await phone.GetByText("使用当前位置").ClickAsync();
        await phone.Locator(".report-where", new() { HasTextString = near.Lat.ToString("0.00000") }).WaitForAsync();
        await phone.Locator("form.report input[name=photos]").SetInputFilesAsync(new FilePayload { Name = "stall.jpg", MimeType = "image/jpeg", Buffer = photo });
        await phone.Locator("form.report button[type=submit]").ClickAsync();
        await phone.Locator(".report-message", new() { HasTextString = "已保存在手机上" }).WaitForAsync();

        // A short patrol: two fixes a few metres apart.
        await phone.Locator("nav.tabs button[data-tab='patrol']").ClickAsync();
        await phone.Locator("button.patrol-toggle").ClickAsync();
        await phone.Locator(".patrol-info dd", new() { HasTextString = near.Lat.ToString("0.00000") }).WaitForAsync();
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)(near.Lat + 0.00004), Longitude = (float)near.Lon, Accuracy = 10 });
        await phone.Locator(".patrol-info dd", new() { HasTextString = (near.Lat + 0.00004).ToString("0.00000") }).WaitForAsync();
        await phone.Locator("button.patrol-toggle").ClickAsync();
        await WaitForOutbox(phone, "items => items.length === 4 && items.every(i => i.status === 'waiting')");

        // Closed and opened again, still offline: the page, the tasks and the queue come from the phone.
        await phone.ReloadAsync();
        await phone.WaitForFunctionAsync("() => window.__worker !== undefined");
        await phone.Locator(".offline-strip[data-state='offline']", new() { HasTextString = "4 项待发送" }).WaitForAsync();
        (await phone.Locator(".offline-strip").InnerTextAsync()).Should().Contain("自").And.Contain("任务为");
        await phone.Locator($".task[data-id='{id}'] .task-queued", new() { HasTextString = "处置完成" }).WaitForAsync();
        var queued = await Outbox(phone);
        queued.Select(i => i.GetProperty("kind").GetString()).Should().Equal("action", "action", "report", "pings");
        await WallFixture.Screenshot(phone, "worker-offline-390x844.png");
        await phone.Locator(".outbox-indicator").ClickAsync();
        await phone.Locator(".outbox-item[data-status='waiting']").First.WaitForAsync();
        await WallFixture.Screenshot(phone, "worker-outbox-390x844.png");
        await phone.Locator(".outbox-dialog .close").ClickAsync();

        var untouched = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        untouched.GetProperty("state").GetString().Should().Be("dispatched", "nothing reached the center while the phone was offline");

        await GoOnline(phone);
        await WaitForOutbox(phone, "items => items.length === 4 && items.every(i => i.status === 'sent')", 60_000);
        var sent = await Outbox(phone);
        var reportedId = sent[2].GetProperty("answer").GetProperty("id").GetString()!;

        // Every item once, in the order it was made.
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("handled");
        var timeline = incident.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Count(e => e.GetProperty("action").GetString() == "accept").Should().Be(1);
        var resolve = timeline.Single(e => e.GetProperty("action").GetString() == "resolve");
        resolve.GetProperty("note").GetString().Should().Be("已清运，现场照片见附件");
        var resolvePhoto = resolve.GetProperty("photos").EnumerateArray().Single().GetString()!;
        var reported = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{reportedId}");
        reported.GetProperty("channel").GetString().Should().Be("worker-app");
        reported.GetProperty("photos").GetArrayLength().Should().Be(1);
        reported.GetProperty("createdAt").GetDateTimeOffset().Should().BeAfter(resolve.GetProperty("at").GetDateTimeOffset());
        var mine = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/members/{worker}/reports");
        mine.EnumerateArray().Count(r => r.GetProperty("id").GetString() == reportedId).Should().Be(1);
        (await ReportsDescribed(words)).Should().Be(1, "the report was made once on the phone and must open one case");

        // The photo was downscaled on the phone, and its facts read from its EXIF before that.
        var facts = await wall.Operator.GetFromJsonAsync<JsonElement>($"{resolvePhoto}/facts");
        facts.GetProperty("takenAt").GetDateTimeOffset().Should().Be(TakenAt);
        facts.GetProperty("lat").GetDouble().Should().BeApproximately(31.9017, 0.00001);
        facts.GetProperty("lon").GetDouble().Should().BeApproximately(120.2824, 0.00001);
        facts.GetProperty("bytes").GetInt64().Should().BeLessThan(photo.Length, "the phone re-encodes the photo at the configured size");

        var member = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/members/{worker}");
        member.GetProperty("lastLocation").GetProperty("lat").GetDouble().Should().BeApproximately(near.Lat + 0.00004, 0.000005);
        sent[3].GetProperty("answer").GetProperty("kept").GetInt32().Should().BeGreaterThan(0);

        // The wall shows them.
        await wallPage.Locator($".board-row[data-id='{id}'][data-state='handled']").WaitForAsync(new() { Timeout = 10_000 });
        await wallPage.Locator($".board-row[data-id='{reportedId}']").WaitForAsync(new() { Timeout = 10_000 });
        // The operator opens the case: the resolve's photo is captioned with when and where the camera took it.
        var panel = await wallPage.FindCase(id);
        await panel.Locator(".timeline li[data-action='resolve'] .photo-facts", new() { HasTextString = "31.90170, 120.28240" }).WaitForAsync();

        await phone.Context.CloseAsync();
        await wallPage.Context.CloseAsync();
    }

    [Fact]
    public async Task A_case_re_dispatched_while_the_worker_was_offline_refuses_its_queued_resolve_and_the_phone_shows_the_conflict()
    {
        const string worker = "M00142";
        var phone = await OpenOfflineReadyWorker(worker);
        var id = await wall.Report(wall.NextPoint(), "C0109", "normal", "离线冲突：路灯不亮");
        await wall.Dispatch(id, worker);
        var card = phone.Locator($".task[data-id='{id}']");
        await card.Locator("button.task-accept").WaitForAsync();

        await GoOffline(phone);
        await card.Locator("button.task-accept").ClickAsync();
        await card.Locator("form.task-resolve-form textarea[name=note]").FillAsync("已更换灯泡");
        await card.Locator("button.task-resolve").ClickAsync();
        await WaitForOutbox(phone, "items => items.length === 2 && items.every(i => i.status === 'waiting')");

        // Meanwhile the center gives the case to someone else.
        var other = await wall.Operator.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00130", note = "原网格员联系不上" });
        other.EnsureSuccessStatusCode();

        await GoOnline(phone);
        await WaitForOutbox(phone, "items => items.length === 2 && items.every(i => i.status === 'conflict')", 60_000);
        await phone.Locator(".outbox-indicator[data-troubled='true']").ClickAsync();
        var resolve = phone.Locator($".outbox-item[data-status='conflict'][data-incident='{id}']", new() { HasTextString = "处置完成" });
        await resolve.WaitForAsync();
        (await resolve.InnerTextAsync()).Should().Contain("冲突").And.Contain("已改派");
        await WallFixture.Screenshot(phone, "worker-outbox-conflict-390x844.png");
        // Read, the worker clears it from the list.
        await resolve.Locator("button.outbox-dismiss").ClickAsync();
        await resolve.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WaitForOutbox(phone, "items => items.length === 1 && items[0].status === 'conflict'");

        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("assigneeId").GetString().Should().Be("M00130");
        incident.GetProperty("state").GetString().Should().Be("dispatched");
        incident.GetProperty("timeline").EnumerateArray().Should().NotContain(e => e.GetProperty("action").GetString() == "resolve");
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_task_dispatched_while_the_page_is_in_the_background_raises_a_system_notification_tagged_by_its_case()
    {
        const string worker = "M00143";
        var phone = await wall.NewPage(390, 844, phone: true);
        await phone.Context.GrantPermissionsAsync(["notifications"]);
        // The phone's screen is off or another app is in front: the page is hidden.
        await phone.AddInitScriptAsync("Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });");
        await phone.GotoAsync(new Uri(wall.Center.Address, "/worker").ToString());
        await WallFixture.SignIn(phone, worker, CenterFactory.DemoPassword);
        await phone.WaitForFunctionAsync("() => window.__worker && window.__worker.linkState === 'live'", null, new() { Timeout = 30_000 });
        await Eventually(phone, "async () => (await navigator.serviceWorker.getRegistration('/worker'))?.active ? 'active' : null", null);

        var id = await wall.Report(wall.NextPoint(), "E0102", "normal", "后台通知：楼道堆放杂物");
        await wall.Dispatch(id, worker);

        var text = await Eventually(phone, """
            async id => {
              const shown = await (await navigator.serviceWorker.getRegistration('/worker')).getNotifications({ tag: id });
              return shown.length === 1 ? shown[0].title + ' | ' + shown[0].body : null;
            }
            """, id);
        text.Should().Contain("新任务").And.Contain(id);
        await phone.Context.CloseAsync();
    }

    /// <summary>The worker page signed in and live, its service worker in control and the city's grids read for offline use.</summary>
    private async Task<IPage> OpenOfflineReadyWorker(string memberId)
    {
        var phone = await wall.OpenWorker(memberId);
        await phone.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 30_000 });
        // The first visit installed the worker while the page was already loading: one more load puts every read through it.
        await phone.ReloadAsync();
        await phone.WaitForFunctionAsync("() => window.__worker && window.__worker.linkState === 'live'", null, new() { Timeout = 30_000 });
        await Eventually(phone, """
            async () => {
              for (const name of await caches.keys())
                if (name.startsWith('worker-data') && await (await caches.open(name)).match('/api/grids?level=2', { ignoreVary: true })) return name;
              return null;
            }
            """, null);
        return phone;
    }

    /// <summary>
    /// Evaluates an async script (WaitForFunction does not wait for a promise) until it answers a string: what the
    /// service worker and its caches hold is only reachable through promises.
    /// </summary>
    private static async Task<string> Eventually(IPage page, string script, object? argument, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (await page.EvaluateAsync<string?>(script, argument) is { } answer) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still nothing after {timeoutMs} ms: {script}");
            await Task.Delay(200);
        }
    }

    private static async Task GoOffline(IPage phone)
    {
        await phone.Context.SetOfflineAsync(true);
        await phone.Context.RouteAsync("**", route => route.AbortAsync("internetdisconnected"));
    }

    private static async Task GoOnline(IPage phone)
    {
        await phone.Context.UnrouteAllAsync();
        await phone.Context.SetOfflineAsync(false);
    }

    private static async Task WaitForOutbox(IPage phone, string predicate, int timeout = 20_000) =>
        await phone.WaitForFunctionAsync($"() => ({predicate})(window.__worker.outbox())", null, new() { Timeout = timeout });

    private static async Task<List<JsonElement>> Outbox(IPage phone) =>
        (await phone.EvaluateAsync<JsonElement>("() => window.__worker.outbox()")).EnumerateArray().ToList();

    private async Task<int> ReportsDescribed(string words)
    {
        var found = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents?pageSize=500&q={Uri.EscapeDataString(words)}");
        return found.GetProperty("items").EnumerateArray().Count();
    }
}
