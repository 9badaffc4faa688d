using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Benchmarks;

/// <summary>
/// N walls following the city and M workers on their own channels, all over real sockets with
/// MessagePack, while reports arrive at a fixed rate and each is dispatched to one of the connected
/// workers: report → wall push and dispatch → worker push latency, p50 and p99.
/// </summary>
internal static class PushBenchmark
{
    public static async Task Run(string root, int walls, int workers, int reportsPerSecond, TimeSpan duration)
    {
        await using var center = await CenterLauncher.Start(root, "--RateLimits:SignInPerMinute=100000");
        var admin = await center.ClientFor("admin");
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var wallSent = new ConcurrentDictionary<string, long>();
        var wallLatency = new ConcurrentBag<double>();
        var workerLatency = new ConcurrentBag<double>();
        var dispatchedAt = new ConcurrentDictionary<string, long>();

        HubConnection Connect(string token) => new HubConnectionBuilder()
            .WithUrl(new Uri(center.Address, "/hubs/center"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver))
            .Build();

        var connections = new List<HubConnection>();
        for (var i = 0; i < walls; i++)
        {
            var wall = Connect(adminToken);
            wall.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var d in batch.Incidents)
                    if (d.Version <= 2 && wallSent.TryGetValue(d.Id, out var sent)) wallLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            });
            await wall.StartAsync();
            await wall.InvokeAsync<FeedSnapshot>("Follow", "scope:JY");
            connections.Add(wall);
        }
        var memberIds = (await admin.GetFromJsonAsync<JsonElement>("/api/members")).EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "GridWorker").Select(m => m.GetProperty("id").GetString()!).Take(workers).ToList();
        foreach (var memberId in memberIds)
        {
            var token = (await (await new HttpClient { BaseAddress = center.Address }.PostAsJsonAsync("/api/auth/token", new { username = memberId, password = CenterLauncher.Password }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
            var worker = Connect(token);
            worker.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var n in batch.Notices)
                    if (n.Kind == "assignment" && dispatchedAt.TryRemove(n.IncidentId, out var sent)) workerLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            });
            await worker.StartAsync();
            connections.Add(worker);
        }
        Console.WriteLine($"{walls} walls and {memberIds.Count} workers connected; {reportsPerSecond} reports/s for {duration.TotalSeconds:0} s");

        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        var sentCount = 0;
        var tasks = new List<Task>();
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * reportsPerSecond);
            for (; sentCount < due; sentCount++)
            {
                var n = sentCount;
                tasks.Add(Task.Run(async () =>
                {
                    var lat = 31.70 + random.NextDouble() * 0.2;
                    var lon = 120.10 + random.NextDouble() * 0.4;
                    var mark = Stopwatch.GetTimestamp();
                    var response = await admin.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"push {n}", channel = "hotline" });
                    if (!response.IsSuccessStatusCode) return;
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                    wallSent.TryAdd(id, mark);
                    if (memberIds.Count == 0) return;
                    dispatchedAt[id] = Stopwatch.GetTimestamp();
                    await admin.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = memberIds[n % memberIds.Count] });
                }));
            }
            await Task.Delay(5);
        }
        await Task.WhenAll(tasks);
        await Task.Delay(2000);

        static string P(ConcurrentBag<double> bag)
        {
            var s = bag.OrderBy(x => x).ToArray();
            return s.Length == 0 ? "n/a" : $"{s[s.Length / 2]:0.0} / {s[Math.Min(s.Length - 1, (int)(s.Length * 0.99))]:0.0} ms ({s.Length} samples)";
        }
        Console.WriteLine("| push | p50 / p99 |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| report → wall (each of {walls} walls; the clock starts before the HTTP report) | {P(wallLatency)} |");
        Console.WriteLine($"| dispatch → worker phone | {P(workerLatency)} |");
        foreach (var c in connections) await c.DisposeAsync();
    }
}
