using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>The map wall in a real browser against the real center: what an operator sees.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class MapWallTests(WallFixture wall)
{
    [Fact]
    public async Task The_wall_draws_the_sample_citys_grids_and_names_its_eighteen_towns()
    {
        var page = await wall.OpenWall();

        (await page.Locator("#map canvas.maplibregl-canvas").CountAsync()).Should().Be(1, "the map is drawn with WebGL");
        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(1)")).Should().Be(18);
        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(2)")).Should().Be(207);
        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(3)")).Should().Be(1362);
        var labels = page.Locator(".grid-label");
        (await labels.CountAsync()).Should().Be(18);
        var names = await page.Locator(".grid-label-name").AllTextContentsAsync();
        names.Should().Contain(["澄江街道", "徐霞客镇", "临港开发区", "高新区"]).And.OnlyHaveUniqueItems();
        foreach (var label in await labels.AllAsync()) (await label.IsVisibleAsync()).Should().BeTrue();

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_incident_reported_through_the_API_is_pushed_live_to_the_map_the_SLA_board_and_the_alert_feed()
    {
        var page = await wall.OpenWall();
        var resyncs = await page.EvaluateAsync<int>("() => window.__wall.resyncs");
        var sequence = await page.EvaluateAsync<long>("() => window.__wall.sequence");

        var id = await wall.Report(wall.NextPoint("JY10"), "E0303", "high", "渣土车遗撒");
        // How fast is the push benchmark's to measure; here: it arrives as a push, not by reloading the page or a resync.
        // The map's source is read asynchronously, which WaitForFunction does not await: the page checks it each frame itself.
        (await page.EvaluateAsync<bool>("""
            async id => {
              for (const end = performance.now() + 30000; performance.now() < end; await new Promise(r => requestAnimationFrame(r)))
                if ((await window.__wall.mapIncidentIds()).includes(id)) return true;
              return false;
            }
            """, id)).Should().BeTrue("the new incident is drawn on the map");
        await page.Locator($".board-row[data-id='{id}']").WaitForAsync();
        (await page.EvaluateAsync<int>("() => window.__wall.resyncs")).Should().Be(resyncs, "it came as a live push, not by reloading a snapshot");
        (await page.EvaluateAsync<long>("() => window.__wall.sequence")).Should().BeGreaterThan(sequence);

        var row = page.Locator($".board-row[data-id='{id}']");
        (await row.GetAttributeAsync("data-state")).Should().Be("gridded");
        (await row.InnerTextAsync()).Should().Contain("道路遗撒").And.Contain("徐霞客镇");
        (await page.Locator($".alert[data-id='{id}'][data-kind='new']").CountAsync()).Should().Be(1, "a new incident is announced in the alert feed");

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_an_incident_on_the_board_opens_its_deadlines_and_timeline_and_dispatches_from_there()
    {
        var page = await wall.OpenWall();
        var id = await wall.Report(wall.NextPoint(), "E0102", "normal", "暴露垃圾待清运");
        await page.Locator($".board-row[data-id='{id}']").ClickAsync();

        var panel = page.Locator($"#detail .detail-body[data-id='{id}']");
        await panel.WaitForAsync();
        (await panel.Locator(".deadlines tbody tr").CountAsync()).Should().BeGreaterThan(0);
        (await panel.Locator(".timeline li").CountAsync()).Should().BeGreaterThanOrEqualTo(2, "report and locate are on the timeline");

        await panel.Locator("input.dispatch-member").FillAsync("M00120");
        await panel.Locator("button.dispatch-manual").ClickAsync();

        await page.WaitForFunctionAsync("id => window.__wall.incident(id)?.state === 'dispatched'", id);
        await page.Locator($".board-row[data-id='{id}'][data-state='dispatched']").WaitForAsync();
        await page.Locator($"#detail .detail-body[data-id='{id}'][data-state='dispatched']").WaitForAsync();

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_presses_on_a_case_from_the_panels_offered_form_and_the_assignee_sees_the_notice_on_the_phone()
    {
        var id = await wall.Report(wall.NextPoint(), "E0501", "normal", "流动摊贩占道");
        await wall.Dispatch(id, "M00122");
        var phone = await wall.OpenWorker("M00122");
        var page = await wall.OpenWall();
        await page.Locator($".board-row[data-id='{id}']").ClickAsync();
        var panel = page.Locator($"#detail .detail-body[data-id='{id}']");
        await panel.WaitForAsync();

        // 督办 is offered to an operator by the server's action table; the page draws its form from the offer.
        var offer = panel.Locator("details.action[data-action='supervise']");
        await offer.Locator("summary").ClickAsync();
        await offer.Locator("textarea[name=note]").FillAsync("请今天下班前处理完毕");
        await offer.Locator("button.action-supervise").ClickAsync();

        await panel.Locator(".panel-notice[data-action='supervise']").Filter(new() { HasText = "done" }).WaitForAsync();
        await phone.Locator(".assignment-banner[data-kind='supervision']").Filter(new() { HasText = "请今天下班前处理完毕" }).WaitForAsync();
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("supervisions").GetInt32().Should().Be(1);
        (await panel.Locator("details.action[data-action='suspend']").CountAsync()).Should().Be(0, "suspending is a supervisor's: the operator is not offered it");

        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wall_cut_off_from_the_network_resyncs_with_nothing_missed_when_it_comes_back()
    {
        var page = await wall.OpenWall();
        var before = await page.EvaluateAsync<int>("() => window.__wall.resyncs");
        var known = await wall.Report(wall.NextPoint(), "C0109", "normal", "路灯不亮");
        await page.WaitForFunctionAsync("id => window.__wall.incidentIds().includes(id)", known);

        await page.Context.SetOfflineAsync(true);
        await page.WaitForFunctionAsync("() => window.__wall.linkState === 'offline'");
        var missed = new List<string>();
        for (var i = 0; i < 3; i++) missed.Add(await wall.Report(wall.NextPoint(), "E0502", "normal", $"断网期间上报 {i}"));
        await wall.Dispatch(known, "M00121");
        // No wait: with the network cut no push can reach the page, so what it holds now is what it held before.
        (await page.EvaluateAsync<string[]>("() => window.__wall.incidentIds()")).Should().NotContain(missed, "the wall is offline");
        (await page.EvaluateAsync<string>("id => window.__wall.incident(id).state", known)).Should().NotBe("dispatched", "the dispatch made meanwhile has not reached it");

        await page.Context.SetOfflineAsync(false);
        await page.WaitForFunctionAsync("n => window.__wall.resyncs > n && window.__wall.linkState === 'live'", before, new() { Timeout = 30_000 });

        var held = await page.EvaluateAsync<string[]>("() => window.__wall.incidentIds()");
        held.Should().Contain(missed, "the snapshot loaded on reconnecting holds what was reported meanwhile");
        (await page.EvaluateAsync<string>("id => window.__wall.incident(id).state", known)).Should().Be("dispatched", "a change made meanwhile is not missed either");
        foreach (var id in missed) await page.Locator($".board-row[data-id='{id}']").WaitForAsync();
        await page.Locator($".board-row[data-id='{known}'][data-state='dispatched']").WaitForAsync();
        (await page.EvaluateAsync<string>("() => window.__wall.lastResyncCause")).Should().Be("reconnect");

        // And it is live again: the next change arrives as a push, numbered right after the snapshot.
        var sequence = await page.EvaluateAsync<long>("() => window.__wall.sequence");
        var after = await wall.Report(wall.NextPoint(), "E0104", "low", "恢复后上报");
        await page.WaitForFunctionAsync("id => window.__wall.incidentIds().includes(id)", after);
        (await page.EvaluateAsync<long>("() => window.__wall.sequence")).Should().BeGreaterThan(sequence);

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_push_lost_on_the_way_is_noticed_by_the_next_ones_number_and_the_wall_reloads_its_snapshot()
    {
        // Between the server and the page sits a relay that can swallow one push (a frame calling Feed).
        var armed = 0;
        var swallowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await wall.OpenWall(beforeOpening: p => p.RouteWebSocketAsync("**/hubs/center**", socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame => { if (frame.Binary is { } bytes) server.Send(bytes); else server.Send(frame.Text ?? ""); });
            server.OnMessage(frame =>
            {
                if (frame.Binary is { } bytes)
                {
                    if (CallsFeed(bytes) && Interlocked.Exchange(ref armed, 0) == 1) { swallowed.TrySetResult(); return; }
                    socket.Send(bytes);
                }
                else socket.Send(frame.Text ?? "");
            });
        }));
        var before = await page.EvaluateAsync<int>("() => window.__wall.resyncs");

        Interlocked.Exchange(ref armed, 1);
        var lost = await wall.Report(wall.NextPoint(), "E0104", "normal", "这条推送在路上丢失");
        await swallowed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await wall.Report(wall.NextPoint(), "E0104", "normal", "下一条推送带来了缺口");

        await page.WaitForFunctionAsync("ids => ids.every(id => window.__wall.incidentIds().includes(id))", new[] { lost, next });
        (await page.EvaluateAsync<int>("() => window.__wall.resyncs")).Should().BeGreaterThan(before);
        (await page.EvaluateAsync<string>("() => window.__wall.lastResyncCause")).Should().Be("gap");
        await page.Locator($".board-row[data-id='{lost}']").WaitForAsync();

        await page.Context.CloseAsync();
    }

    /// <summary>A SignalR MessagePack frame that invokes the client method "Feed" (the target as a msgpack string).</summary>
    private static bool CallsFeed(byte[] frame) => frame.AsSpan().IndexOf(FeedTarget) >= 0;

    private static readonly byte[] FeedTarget = [0xA4, (byte)'F', (byte)'e', (byte)'e', (byte)'d'];

    [Fact]
    public async Task The_pages_load_without_a_token_behind_a_content_security_policy_while_the_API_still_needs_one()
    {
        foreach (var path in new[] { "/", "/worker", "/replay" })
        {
            using var response = await wall.Center.Http.GetAsync(path);
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("worker-src 'self' blob:");
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
            response.Headers.Contains("Referrer-Policy").Should().BeTrue();
        }
        using var api = await wall.Center.Http.GetAsync("/api/incidents");
        api.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        using var grids = await wall.Center.Http.GetAsync("/api/grids?level=1");
        grids.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_busy_morning_on_the_wall_at_1920x1080_and_3840x2160()
    {
        var page = await wall.OpenWall();
        await CityActivity.Seed(wall);
        // Urgent incidents run out of dispatch time after 12 s (red), high ones warn after 20 s (yellow).
        await page.WaitForFunctionAsync("() => window.__wall.counters && window.__wall.counters.overdue > 0", null, new() { Timeout = 30_000 });
        await page.Locator(".board-row[data-light='yellow']").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.board-row').length >= 8");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.alert[data-kind=\"breach\"]').length > 0");
        // Towns with overdue work turn red.
        await page.Locator(".grid-label[data-light='red']").First.WaitForAsync(new() { Timeout = 15_000 });
        await WallFixture.Screenshot(page, "wall-1920x1080.png");

        var first = await page.Locator(".board-row").First.GetAttributeAsync("data-id");
        await page.Locator(".board-row").First.ClickAsync();
        await page.Locator($"#detail .detail-body[data-id='{first}']").WaitForAsync();
        await WallFixture.Screenshot(page, "wall-incident-1920x1080.png");
        await page.Context.CloseAsync();

        var large = await wall.OpenWall(3840, 2160);
        await large.WaitForFunctionAsync("() => document.querySelectorAll('.board-row').length >= 8");
        await large.WaitForTimeoutAsync(1_500);
        await WallFixture.Screenshot(large, "wall-3840x2160.png");
        var rowHeight = await large.EvaluateAsync<double>("() => document.querySelector('.board-row').getBoundingClientRect().height");
        rowHeight.Should().BeGreaterThan(80, "type scales with the screen: a 4K wall is read from across the room");
        await large.Context.CloseAsync();
    }
}
