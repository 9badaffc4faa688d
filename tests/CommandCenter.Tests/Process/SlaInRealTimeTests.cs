using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Process;

/// <summary>A real running center on a policy of seconds: the SLA clock works on the wall clock, not only in tests.</summary>
[Trait("Category", "Process")]
public class SlaInRealTimeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-sla-real", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_undispatched_incident_turns_red_at_its_deadline_and_escalates_once()
    {
        var policy = Path.Combine(AppContext.BaseDirectory, "Support", "sla-policy.seconds.json");
        await using var center = await CenterProcess.Start(data, $"--Sla:PolicyFile={policy}");
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", lat, lon, description = "路灯不亮", channel = "hotline",
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Wait (bounded) for the breach to be recorded: the dispatch limit is 3 s. The bound is generous
        // because a 2-core machine shared with other builds can stall a fresh process for many seconds.
        JsonElement incident = default;
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < giveUp)
        {
            incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
            if (incident.GetProperty("escalation").GetString() != "None") break;
            await Task.Delay(100);
        }

        if (incident.GetProperty("escalation").GetString() == "None") output.WriteLine(center.Output); // why, when it did not
        incident.GetProperty("light").GetString().Should().Be("red");
        incident.GetProperty("escalation").GetString().Should().Be("GridLeader");
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events");
        var escalations = events.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "Escalate").ToList();
        escalations.Should().ContainSingle();
        var warned = events.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "Warn").GetProperty("at").GetDateTimeOffset();
        var dispatch = incident.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("step").GetString() == "dispatch");
        var due = dispatch.GetProperty("dueAt").GetDateTimeOffset();
        var breachedAt = escalations[0].GetProperty("at").GetDateTimeOffset();
        breachedAt.Should().BeOnOrAfter(due, "a deadline never fires early");
        warned.Should().BeOnOrAfter(dispatch.GetProperty("warnAt").GetDateTimeOffset());
        output.WriteLine($"breach recorded {(breachedAt - due).TotalMilliseconds:0} ms after the deadline; warning {(warned - dispatch.GetProperty("warnAt").GetDateTimeOffset()).TotalMilliseconds:0} ms after its instant");
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
