using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Simulator;

/// <summary>
/// Watches the city scope like a wall does: counts pushes, records which incidents breached, and how
/// long after a report its first push arrived.
/// </summary>
public sealed class WallWatcher : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly ConcurrentDictionary<string, long> reportedAt = new();
    // A push can arrive before the HTTP answer that names the case: remember when each id was first seen.
    private readonly ConcurrentDictionary<string, long> firstSeen = new();
    private readonly ConcurrentBag<double> latencies = [];

    public ConcurrentDictionary<string, byte> Breached { get; } = new();
    public long Batches;
    public long Gaps;
    private long lastSequence;

    public WallWatcher(Uri center, string token)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(center, "/hubs/center"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect()
            .Build();
        connection.On<JsonElement>("Feed", OnFeed);
    }

    public async Task Start()
    {
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<JsonElement>("Follow", "scope:JY");
        lastSequence = snapshot.GetProperty("sequence").GetInt64();
    }

    /// <summary>Call just before a report is sent; its first push closes the measurement.</summary>
    public long Mark() => Stopwatch.GetTimestamp();

    public void Reported(string id, long mark)
    {
        if (firstSeen.TryRemove(id, out var seen)) latencies.Add(Stopwatch.GetElapsedTime(mark, seen).TotalMilliseconds);
        else reportedAt.TryAdd(id, mark);
    }

    private void OnFeed(JsonElement batch)
    {
        Interlocked.Increment(ref Batches);
        var sequence = batch.GetProperty("sequence").GetInt64();
        if (lastSequence != 0 && sequence != lastSequence + 1) Interlocked.Increment(ref Gaps);
        lastSequence = sequence;
        var now = Stopwatch.GetTimestamp();
        foreach (var incident in batch.GetProperty("incidents").EnumerateArray())
        {
            var id = incident.GetProperty("id").GetString()!;
            if (reportedAt.TryRemove(id, out var mark)) latencies.Add(Stopwatch.GetElapsedTime(mark, now).TotalMilliseconds);
            else if (incident.GetProperty("version").GetInt32() <= 3) firstSeen.TryAdd(id, now);
        }
        foreach (var alert in batch.GetProperty("alerts").EnumerateArray())
            if (alert.GetProperty("kind").GetString() == "breach") Breached.TryAdd(alert.GetProperty("incidentId").GetString()!, 0);
    }

    public (double P50, double P99, int Count) Latency()
    {
        var sorted = latencies.OrderBy(x => x).ToArray();
        return sorted.Length == 0 ? (0, 0, 0) : (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], sorted.Length);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
