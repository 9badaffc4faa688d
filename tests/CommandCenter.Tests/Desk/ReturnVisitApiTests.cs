using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace CommandCenter.Tests.Desk;

/// <summary>
/// 回访台 on a center whose clock the test moves: the verified incidents wait for their visit, the soonest due first,
/// with the calls nobody answered; once the clock runs out their visits are closed unanswered and listed the latest first.
/// And 确认告警: an acknowledged alert is shown on the incident and on the wall, until the next alert.
/// </summary>
[Trait("Category", "InProcess")]
public sealed class ReturnVisitApiTests : IDisposable
{
    private const string Handler = "M01124";                 // a worker of 徐霞客镇 (JY10)
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-return-visits", Guid.NewGuid().ToString("N"));
    // Tuesday 24 Nov 2026, 09:00 in Jiangyin: office hours, so the return visit's 8 working hours fall due on Wednesday.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        try { Directory.Delete(data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<string> Report(HttpClient client, string priority = "normal")
    {
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", priority, lat, lon, description = "垃圾堆在桥下", channel = "hotline", address = "南街桥", callerName = "李明", callerPhone = "13800001111",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task Act(HttpClient client, string id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task VerifyWork(CenterFactory center, string id)
    {
        await Act(await center.ClientFor("operator1"), id, "dispatch", new { memberId = Handler });
        var worker = await center.ClientFor(Handler);
        await Act(worker, id, "accept", new { });
        await Act(worker, id, "resolve", new { note = "已清运" });
        await Act(await center.ClientFor("supervisor1"), id, "verify", new { passed = true });
    }

    private static List<JsonElement> Items(JsonElement queue) => queue.GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Verified_incidents_wait_soonest_due_first_and_the_clock_moves_them_to_the_unanswered_list_latest_first()
    {
        using var center = new CenterFactory(data, clock);
        var desk = await center.ClientFor("operator1");
        var first = await Report(desk);
        var second = await Report(desk);
        clock.Advance(TimeSpan.FromMinutes(5));
        await VerifyWork(center, first);                             // verified first: its visit falls due first
        clock.Advance(TimeSpan.FromMinutes(5));
        await VerifyWork(center, second);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Act(desk, first, "no-answer", new { note = "无人接听" });
        clock.Advance(TimeSpan.FromMinutes(30));
        await Act(desk, first, "no-answer", new { });

        var waiting = Items(await desk.GetFromJsonAsync<JsonElement>("/api/return-visits"));

        waiting.Select(v => v.GetProperty("id").GetString()).Should().Equal([first, second], "the soonest due first (newest first would be the other way)");
        var visit = waiting[0];
        visit.GetProperty("attempts").GetInt32().Should().Be(2);
        visit.GetProperty("lastAttemptAt").GetDateTimeOffset().Should().Be(clock.GetUtcNow());
        visit.GetProperty("callerName").GetString().Should().Be("李明");
        visit.GetProperty("callerPhone").GetString().Should().Be("13800001111");
        visit.GetProperty("address").GetString().Should().Be("南街桥");
        visit.GetProperty("categoryName").GetString().Should().Be("暴露垃圾");
        visit.GetProperty("light").GetString().Should().Be("green");
        visit.GetProperty("closedAt").ValueKind.Should().Be(JsonValueKind.Null);
        visit.GetProperty("verifiedAt").GetDateTimeOffset().Should().BeBefore(visit.GetProperty("dueAt").GetDateTimeOffset());
        waiting[1].GetProperty("attempts").GetInt32().Should().Be(0);
        waiting[1].GetProperty("lastAttemptAt").ValueKind.Should().Be(JsonValueKind.Null);
        var dues = waiting.Select(v => v.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        var incident = await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{first}");
        incident.GetProperty("state").GetString().Should().Be("verified", "no-answer changes no state");
        incident.GetProperty("returnVisitAttempts").GetInt32().Should().Be(2);

        // Past both visits' due instants (Thursday): the clock closes them unanswered.
        clock.Advance(TimeSpan.FromDays(2));
        var grains = center.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IIncidentGrain>(first).Wake();
        await grains.GetGrain<IIncidentGrain>(second).Wake();

        Items(await desk.GetFromJsonAsync<JsonElement>("/api/return-visits")).Select(v => v.GetProperty("id").GetString())
            .Should().NotContain([first, second]);
        var unanswered = Items(await desk.GetFromJsonAsync<JsonElement>("/api/return-visits/unanswered"));
        unanswered.Select(v => v.GetProperty("id").GetString()).Should().Equal([second, first], "the latest close first");
        unanswered.Select(v => v.GetProperty("closedAt").GetDateTimeOffset()).Should().Equal([dues[1], dues[0]], "an unanswered visit closes at its due instant");
        unanswered[1].GetProperty("attempts").GetInt32().Should().Be(2);
        unanswered[1].GetProperty("light").GetString().Should().Be("none");

        var outside = $"/api/return-visits/unanswered?from={Instants.Query(clock.GetUtcNow().AddDays(-60))}&to={Instants.Query(clock.GetUtcNow().AddDays(-31))}";
        Items(await desk.GetFromJsonAsync<JsonElement>(outside)).Should().BeEmpty("nothing was closed in that window");
        var backwards = await desk.GetAsync($"/api/return-visits/unanswered?from={Instants.Query(clock.GetUtcNow())}&to={Instants.Query(clock.GetUtcNow().AddDays(-1))}");
        backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _).Should().BeTrue();
        (await (await center.ClientFor(Handler)).GetAsync("/api/return-visits")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the desk is staff only");
    }

    [Fact]
    public async Task An_acknowledged_alert_shows_on_the_incident_and_the_wall_until_the_breach_asks_again()
    {
        using var center = new CenterFactory(data, clock);
        var desk = await center.ClientFor("operator1");
        var id = await Report(desk, "urgent");                       // dispatch due in 10 minutes, warning at 8
        var grain = center.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id);
        (await desk.PostAsJsonAsync($"/api/incidents/{id}/actions/acknowledge-alert", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "no alert yet");

        clock.Advance(TimeSpan.FromMinutes(9));
        await grain.Wake();
        var offered = await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        offered.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetProperty("action").GetString()).Should().Contain("acknowledge-alert");
        await Act(desk, id, "acknowledge-alert", new { });

        var incident = await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("alertAcknowledgedBy").GetString().Should().Be("operator1");
        incident.GetProperty("alertAcknowledgedAt").GetDateTimeOffset().Should().Be(clock.GetUtcNow());
        var wall = await desk.GetFromJsonAsync<JsonElement>("/api/wall/snapshot?scope=JY10");
        var onWall = wall.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        onWall.GetProperty("alertAcknowledgedBy").GetString().Should().Be("operator1");

        clock.Advance(TimeSpan.FromMinutes(2));
        await grain.Wake();                                          // breached: a new alert

        (await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("alertAcknowledgedBy").ValueKind.Should().Be(JsonValueKind.Null);
        var after = (await desk.GetFromJsonAsync<JsonElement>("/api/wall/snapshot?scope=JY10")).GetProperty("incidents").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);
        after.GetProperty("alertAcknowledgedBy").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
