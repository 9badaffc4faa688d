using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Support;

/// <summary>A real SignalR client of /hubs/center over a real socket, recording every batch it receives.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<FeedBatch> received = new();
    private readonly SemaphoreSlim arrived = new(0);

    private LiveClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public IReadOnlyList<FeedBatch> Received => received.ToList();

    public static async Task<LiveClient> Connect(Uri center, string token, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(center, "/hubs/center"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (messagePack)
            builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver));
        var client = new LiveClient(builder.Build());
        client.Connection.On<FeedBatch>("Feed", batch =>
        {
            client.received.Enqueue(batch);
            client.arrived.Release();
        });
        await client.Connection.StartAsync();
        return client;
    }

    public static async Task<string> Token(Uri center, string username, string password)
    {
        using var http = new HttpClient { BaseAddress = center };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public Task<FeedSnapshot> Follow(string channel) => Connection.InvokeAsync<FeedSnapshot>("Follow", channel);

    /// <summary>Waits (bounded) until a received batch satisfies the condition.</summary>
    public async Task<FeedBatch> WaitFor(Func<FeedBatch, bool> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var match = received.FirstOrDefault(condition);
            if (match is not null) return match;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No matching push within the limit; received {received.Count} batches.");
            await arrived.WaitAsync(left);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
