using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Process;

/// <summary>kill -9 in the middle of a burst of transitions: everything acknowledged is in the ledger afterwards, and nothing is half-done.</summary>
[Trait("Category", "Process")]
public class BurstCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-burst", Guid.NewGuid().ToString("N"));

    private static readonly (string Action, object Body)[] Loop =
    [
        ("dispatch", new { memberId = "M00030" }),
        ("accept", new { }),
        ("resolve", new { note = "已处理" }),
        ("verify", new { passed = true }),
        ("evaluate", new { satisfaction = 5 }),
    ];

    [Fact]
    public async Task Every_acknowledged_transition_survives_kill_minus_nine_during_a_burst_of_a_thousand()
    {
        var acknowledged = new ConcurrentBag<(string Id, string Action)>();
        var ids = new List<string>();
        await using (var center = await CenterProcess.Start(data))
        {
            var admin = await center.ClientFor("admin");
            for (var i = 0; i < 200; i++)
            {
                var (lat, lon) = SampleCity.NextPoint();
                var created = await admin.PostAsJsonAsync("/api/incidents", new
                {
                    category = "E0102", lat, lon, description = $"burst {i}", channel = "hotline",
                });
                created.EnsureSuccessStatusCode();
                ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }

            // 200 incidents × 5 actions = 1,000 transitions; the process is killed once 400 are acknowledged.
            var killed = new TaskCompletionSource();
            var workers = ids.Select(async id =>
            {
                foreach (var (action, body) in Loop)
                {
                    if (killed.Task.IsCompleted) return;
                    try
                    {
                        var response = await admin.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
                        if (!response.IsSuccessStatusCode) return;
                        acknowledged.Add((id, action));
                        if (acknowledged.Count >= 400) killed.TrySetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // in flight when the process died: not acknowledged
                    }
                }
            }).ToList();
            await Task.WhenAny(killed.Task, Task.WhenAll(workers));
            center.Kill();
            await Task.WhenAll(workers);
        }
        output.WriteLine($"{acknowledged.Count} transitions acknowledged before kill -9");
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(400);

        await using var restarted = await CenterProcess.Start(data);
        var client = await restarted.ClientFor("admin");
        var byIncident = acknowledged.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.Select(a => a.Action).ToHashSet());
        foreach (var id in ids)
        {
            var events = (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).EnumerateArray().ToList();
            events.Select(e => e.GetProperty("sequence").GetInt32()).Should().Equal(Enumerable.Range(1, events.Count), $"{id} has no gaps");
            for (var i = 1; i < events.Count; i++)
                events[i].GetProperty("from").GetString().Should().Be(events[i - 1].GetProperty("to").GetString(), $"{id} event {i + 1} continues from the one before");
            var actions = events.Select(e => e.GetProperty("action").GetString()!.ToLowerInvariant()).ToHashSet();
            foreach (var acked in byIncident.GetValueOrDefault(id, []))
                actions.Should().Contain(acked, $"{id}: {acked} was acknowledged");
            var state = (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString();
            state.Should().Be(events[^1].GetProperty("to").GetString()!.ToLowerInvariant());
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
