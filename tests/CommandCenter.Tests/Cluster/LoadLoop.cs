using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// A steady load for failure tests: loops that report an incident and move it along
/// (dispatch, accept, resolve), recording only what the center acknowledged. A request that fails or
/// times out is not acknowledged; the loop simply goes on with a new incident.
/// </summary>
public sealed class LoadLoop
{
    private static readonly (string Action, object Body)[] Steps =
    [
        ("dispatch", new { memberId = "M00030" }),
        ("accept", new { }),
        ("resolve", new { note = "已处理" }),
    ];

    public ConcurrentDictionary<string, DateTimeOffset> Reported { get; } = new();
    public ConcurrentBag<(string Id, string Action)> Acknowledged { get; } = [];
    public int Failures => failures;

    /// <summary>The status of every answer that refused a step (not the requests that got no answer at all).</summary>
    public ConcurrentBag<int> Refusals { get; } = [];
    private int failures;

    /// <summary>Runs <paramref name="loops"/> loops until stopped; each asks <paramref name="pick"/> which node to use for its next request.</summary>
    public Task Run(int loops, Func<int, HttpClient> pick, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (lat, lon) = SampleCity.NextPoint();
                    var created = await pick(loop).PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "负载", channel = "hotline" });
                    if (!created.IsSuccessStatusCode) { Refused(created); continue; }
                    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                    Reported[id] = DateTimeOffset.UtcNow;
                    Acknowledged.Add((id, "report"));
                    foreach (var (action, body) in Steps)
                    {
                        if (stop.IsCancellationRequested) break;
                        var response = await pick(loop).PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
                        if (!response.IsSuccessStatusCode) { Refused(response); break; }
                        Acknowledged.Add((id, action));
                    }
                    await Task.Delay(50);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures); // in flight when something died: not acknowledged
                }
            }
        })));

    private void Refused(HttpResponseMessage response)
    {
        Interlocked.Increment(ref failures);
        Refusals.Add((int)response.StatusCode);
    }

    /// <summary>Reports one incident and returns its id.</summary>
    public static async Task<string> ReportOne(HttpClient api)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var created = await api.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "负载", channel = "hotline" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static HttpClient Api(CenterProcess node, string token) => new()
    {
        BaseAddress = node.Address,
        Timeout = TimeSpan.FromSeconds(15),
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>
    /// Every step this loop was told was done is in the ledger as read through <paramref name="reader"/> (a node that
    /// remembers nothing), and each incident's events are numbered without gaps: nothing acknowledged lost, nothing
    /// half-written. Answers the events read, by incident, for a test's further checks.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<JsonElement>>> ShouldAllBeIn(HttpClient reader, string because)
    {
        var read = new Dictionary<string, List<JsonElement>>();
        foreach (var id in Reported.Keys)
        {
            var events = read[id] = (await Read(reader, $"/api/incidents/{id}/events")).EnumerateArray().ToList();
            events.Select(e => e.GetProperty("sequence").GetInt32()).Should().Equal(Enumerable.Range(1, events.Count), $"{id} has no gaps: nothing half-written");
            var actions = events.Select(e => e.GetProperty("action").GetString()!.ToLowerInvariant()).ToHashSet();
            foreach (var (_, action) in Acknowledged.Where(x => x.Id == id))
                actions.Should().Contain(action, $"{id}: {action} was acknowledged {because}");
        }
        return read;
    }

    /// <summary>Waits until the condition holds (true) or the limit passes (false).</summary>
    public static async Task<bool> Until(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Reads through a node, retrying while the cluster settles (a grain of a dead node is being moved).</summary>
    public static async Task<JsonElement> Read(HttpClient api, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await api.GetAsync(path);
                if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<JsonElement>();
                if (attempt >= 10) response.EnsureSuccessStatusCode();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 10) { }
            await Task.Delay(500);
        }
    }
}
