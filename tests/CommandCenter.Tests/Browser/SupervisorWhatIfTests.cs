using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// 策略试算 on the supervisor's page: the policy in force in an editable table, a shorter accept limit tried over the
/// page's scope and day, and the case that would turn worse listed as the what-if API lists it, opening in replay.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class SupervisorWhatIfTests(WallFixture wall)
{
    [Fact]
    public async Task A_supervisor_tries_a_shorter_accept_limit_and_sees_the_waiting_case_turn_worse()
    {
        // 华士镇 (JY14): a case dispatched and not yet accepted — on time under the 15 minutes in force.
        var at = wall.NextPoint("JY14");
        var id = await wall.Report(at, "E0102", "normal", "试算：派遣后未接单");
        await wall.Dispatch(id, await wall.GridWorkerOf(at.Block.Id));

        var page = await wall.NewPage(1920, 1080);
        await page.GotoAsync(new Uri(wall.Center.Address, "/supervisor?scope=JY14&period=today").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__supervisor && window.__supervisor.ready", null, new() { Timeout = 60_000 });
        var form = page.Locator("form.what-if-form");
        await form.Locator(".limits-table tr[data-index]").First.WaitForAsync();
        // The accept step's general row (no priority): 15m in force, 1s in the draft.
        var row = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('form.what-if-form .limits-table tr[data-index]')]
              .find(r => r.querySelector('select[name=step]').value === 'accept' && !r.querySelector('select[name=priority]').value).dataset.index
            """);
        var limit = form.Locator($".limits-table tr[data-index='{row}'] input[name=limit]");
        (await limit.InputValueAsync()).Should().Be("15m");
        await limit.FillAsync("1s");
        await form.Locator("button.what-if-run").ClickAsync();
        var worse = form.Locator($".light-changes[data-change=worse] li[data-incident='{id}']");
        await worse.WaitForAsync(new() { Timeout = 30_000 });

        // The page lists what the API answers for the same draft, scope and window.
        var window = await page.EvaluateAsync<JsonElement>("() => window.__supervisor.window");
        var policy = await (await wall.Center.ClientFor("supervisor1")).GetFromJsonAsync<JsonElement>("/api/sla-policy");
        var limits = policy.GetProperty("limits").EnumerateArray().Select(l => new
        {
            step = l.GetProperty("step").GetString(), priority = l.GetProperty("priority").GetString(),
            category = l.GetProperty("category").GetString(), area = l.GetProperty("area").GetString(),
            limit = l.GetProperty("step").GetString() == "accept" && l.GetProperty("priority").ValueKind == JsonValueKind.Null ? "1s" : l.GetProperty("limit").GetString(),
        }).ToList();
        var supervisor = await wall.Center.ClientFor("supervisor1");
        // The page ran a moment ago; the API's horizon is now, so it may hold more cases that turned worse since, never fewer.
        var answer = await (await supervisor.PostAsJsonAsync("/api/kpis/what-if/draft", new
        {
            limits, scope = "JY14", from = window.GetProperty("from").GetString(), to = window.GetProperty("to").GetString(),
        })).Content.ReadFromJsonAsync<JsonElement>();
        var fromApi = answer.GetProperty("lightChanges").EnumerateArray().Where(c => c.GetProperty("change").GetString() == "worse")
            .Select(c => c.GetProperty("incidentId").GetString()).ToList();
        var shown = await form.Locator(".light-changes[data-change=worse] li[data-incident]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.incident)");
        fromApi.Should().Contain(shown).And.Contain(id);
        await WallFixture.Screenshot(page, "supervisor-what-if-1920x1080.png");

        // The case opens in replay, focused.
        await worse.Locator("a.change-replay").ClickAsync();
        await page.WaitForFunctionAsync("id => window.__replay && window.__replay.focused === id", id, new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }
}
