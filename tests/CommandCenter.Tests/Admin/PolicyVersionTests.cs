using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Admin;

/// <summary>A center on a fake clock whose policy the tests change.</summary>
public sealed class PolicyCenter() : CenterFactory(null, new FakeTimeProvider(DateTimeOffset.UtcNow))
{
    public FakeTimeProvider FakeClock => (FakeTimeProvider)Clock!;
}

/// <summary>SLA policy versions: a saved version applies to deadlines started after it; a draft's what-if is the what-if API's.</summary>
[Trait("Category", "InProcess")]
public class PolicyVersionTests(PolicyCenter center) : IClassFixture<PolicyCenter>
{
    private static async Task<string> Report(HttpClient client)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", priority = "normal", lat, lon, description = "暴露垃圾", channel = "hotline" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Deadline(HttpClient client, string id, string step) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("deadlines").EnumerateArray()
            .Last(d => d.GetProperty("step").GetString() == step);

    /// <summary>The policy in force as the console's table, with one step's fallback limit replaced.</summary>
    private static async Task<JsonArray> LimitsWith(HttpClient admin, string step, string limit)
    {
        var policy = await admin.GetFromJsonAsync<JsonObject>("/api/sla-policy");
        var limits = policy!["limits"]!.AsArray();
        foreach (var rule in limits.OfType<JsonObject>())
            if ((string?)rule["step"] == step && rule["category"] is null && rule["priority"] is null && rule["area"] is null) rule["limit"] = limit;
        return (JsonArray)limits.DeepClone();
    }

    [Fact]
    public async Task A_saved_policy_version_applies_to_deadlines_started_after_it_while_running_ones_keep_theirs()
    {
        var admin = await center.ClientFor("admin");
        var operatorClient = await center.ClientFor("operator1");
        var before = await Report(operatorClient);
        var running = await Deadline(operatorClient, before, "dispatch");
        running.GetProperty("limit").GetString().Should().Be("30m");

        var saved = await admin.PostAsJsonAsync("/api/admin/sla-policy", new { warnFraction = 0.8, limits = await LimitsWith(admin, "dispatch", "5m"), note = "派遣提速" });
        saved.StatusCode.Should().Be(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var after = await Report(operatorClient);
        var started = await Deadline(operatorClient, after, "dispatch");
        started.GetProperty("limit").GetString().Should().Be("5m");
        (started.GetProperty("dueAt").GetDateTimeOffset() - started.GetProperty("startedAt").GetDateTimeOffset()).Should().Be(TimeSpan.FromMinutes(5));
        var kept = await Deadline(operatorClient, before, "dispatch");
        kept.GetProperty("dueAt").GetDateTimeOffset().Should().Be(running.GetProperty("dueAt").GetDateTimeOffset());
        kept.GetProperty("limit").GetString().Should().Be("30m");

        // The clock passes the new limit but not the old: only the later case is late.
        center.FakeClock.Advance(TimeSpan.FromMinutes(10));
        (await Deadline(operatorClient, after, "dispatch")).GetProperty("light").GetString().Should().Be("red");
        (await Deadline(operatorClient, before, "dispatch")).GetProperty("light").GetString().Should().NotBe("red");

        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sla-policy/versions");
        versions[0].GetProperty("version").GetInt32().Should().Be(version);
        versions[0].GetProperty("note").GetString().Should().Be("派遣提速");
        versions[0].GetProperty("savedBy").GetString().Should().Be("admin");
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=policy");
        audit[0].GetProperty("action").GetString().Should().Be("policy.save");
        audit[0].GetProperty("before").GetString().Should().Contain("30m");
        audit[0].GetProperty("after").GetString().Should().Contain("5m");
    }

    [Fact]
    public async Task A_bad_draft_is_refused_naming_each_entry_and_nothing_is_saved()
    {
        var admin = await center.ClientFor("admin");
        var limits = await LimitsWith(admin, "accept", "soon");
        var count = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/sla-policy/versions")).GetArrayLength();
        var response = await admin.PostAsJsonAsync("/api/admin/sla-policy", new { limits, note = "" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var index = limits.Select((l, i) => (l, i)).Single(x => (string?)x.l!["step"] == "accept").i;
        errors.GetProperty($"limits[{index}].limit").GetArrayLength().Should().Be(1);
        errors.GetProperty("note").GetArrayLength().Should().Be(1);
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/sla-policy/versions")).GetArrayLength().Should().Be(count);
    }

    [Fact]
    public async Task The_what_if_of_a_draft_is_the_what_if_api_answer_for_the_draft_as_a_whole_policy()
    {
        var admin = await center.ClientFor("admin");
        var operatorClient = await center.ClientFor("operator1");
        var from = center.FakeClock.GetUtcNow();
        var waiting = await Report(operatorClient);
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{waiting}/actions/dispatch", new { memberId = "M00020" })).EnsureSuccessStatusCode();
        // Not accepted for an hour: late under the 15 minutes in force, on time under a draft's 4 hours.
        center.FakeClock.Advance(TimeSpan.FromHours(1));
        var to = center.FakeClock.GetUtcNow();
        var limits = await LimitsWith(admin, "accept", "4h");

        var draft = await admin.PostAsJsonAsync("/api/kpis/what-if/draft", new { limits, from, to });
        draft.StatusCode.Should().Be(HttpStatusCode.OK, await draft.Content.ReadAsStringAsync());
        var draftAnswer = await draft.Content.ReadFromJsonAsync<JsonElement>();

        var city = await admin.GetFromJsonAsync<JsonObject>("/api/admin/city");
        var policy = await admin.GetFromJsonAsync<JsonObject>("/api/sla-policy");
        var whole = new JsonObject
        {
            ["timeZone"] = city!["timeZone"]!.DeepClone(),
            ["calendar"] = city["calendar"]!.DeepClone(),
            ["warnFraction"] = policy!["warnFraction"]!.DeepClone(),
            ["limits"] = JsonNode.Parse(JsonSerializer.Serialize(limits.Select(l => new JsonObject(l!.AsObject().Where(p => p.Value is not null)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())))))),
        };
        var api = await admin.PostAsJsonAsync("/api/kpis/what-if", new { from, to, policy = whole });
        api.StatusCode.Should().Be(HttpStatusCode.OK, await api.Content.ReadAsStringAsync());
        var apiAnswer = await api.Content.ReadFromJsonAsync<JsonElement>();

        draftAnswer.GetRawText().Should().Be(apiAnswer.GetRawText());
        draftAnswer.GetProperty("lightChanges").EnumerateArray().Should().Contain(c =>
            c.GetProperty("incidentId").GetString() == waiting && c.GetProperty("change").GetString() == "better");
        // Nothing was saved by trying.
        (await admin.GetFromJsonAsync<JsonElement>("/api/sla-policy")).GetProperty("limits").EnumerateArray()
            .Single(l => l.GetProperty("step").GetString() == "accept" && l.GetProperty("priority").ValueKind == JsonValueKind.Null).GetProperty("limit").GetString().Should().Be("15m");
    }
}
