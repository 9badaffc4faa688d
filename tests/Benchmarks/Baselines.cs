using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace CommandCenter.Benchmarks;

/// <summary>
/// What the machine itself can do, measured in the same run as the center's figures: a raw SignalR echo
/// (a hub that sends the caller its message back, over a real loopback socket with MessagePack) and the
/// raw Orleans grain-call rate (a grain that only answers, in a silo in this process).
/// </summary>
internal static class Baselines
{
    public sealed class EchoHub : Hub
    {
        public Task Echo(long sent) => Clients.Caller.SendAsync("Echo", sent);
    }

    /// <summary>Round trips at a fixed rate: p50 and p99 in milliseconds.</summary>
    public static async Task<(double P50, double P99, int Samples)> SignalREcho(int messagesPerSecond, TimeSpan duration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR().AddMessagePackProtocol();
        await using var app = builder.Build();
        app.MapHub<EchoHub>("/echo");
        await app.StartAsync();
        var address = app.Urls.First();

        await using var connection = new HubConnectionBuilder().WithUrl(address + "/echo").AddMessagePackProtocol().Build();
        var latencies = new List<double>();
        var warmedUp = new TaskCompletionSource();
        var received = 0;
        const int WarmUp = 2_000;
        connection.On<long>("Echo", sent =>
        {
            var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            var n = Interlocked.Increment(ref received);
            if (n == WarmUp) warmedUp.SetResult();
            else if (n > WarmUp) lock (latencies) latencies.Add(ms);
        });
        await connection.StartAsync();
        for (var i = 0; i < WarmUp; i++) await connection.SendAsync("Echo", Stopwatch.GetTimestamp());
        await warmedUp.Task;
        await Paced(messagesPerSecond, duration, _ => connection.SendAsync("Echo", Stopwatch.GetTimestamp()));
        await Task.Delay(500);
        lock (latencies) return Percentiles(latencies);
    }

    /// <summary>Calls per second to one trivial grain per caller, with <paramref name="callers"/> callers in flight.</summary>
    public static async Task<double> GrainCalls(int callers, TimeSpan duration) => (await GrainCallCosts(callers, duration, activations: 0)).PerSecond;

    /// <summary>What the raw grain calls cost: calls/s, this process's CPU per call (silo and callers), and the live heap each idle activation of a trivial grain holds.</summary>
    public sealed record GrainFigures(double PerSecond, double CpuMicrosecondsPerCall, double? BytesPerActivation, int Activations);

    /// <summary>
    /// The raw grain-call rate and its CPU per call (both sides are this process), then, when
    /// <paramref name="activations"/> &gt; 0, the live heap per activation of that many more trivial grains (full collections before and after).
    /// </summary>
    public static async Task<GrainFigures> GrainCallCosts(int callers, TimeSpan duration, int activations)
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleans(silo => silo.UseLocalhostClustering(siloPort: CenterLauncher.FreePort(), gatewayPort: CenterLauncher.FreePort()))
            .Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var calls = 0L;
        async Task Loop(int caller, TimeSpan length, bool count)
        {
            var grain = grains.GetGrain<IEchoGrain>(caller);
            var clock = Stopwatch.StartNew();
            var n = 0L;
            while (clock.Elapsed < length) { await grain.Echo(n); n++; }
            if (count) Interlocked.Add(ref calls, n);
        }
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Loop(c, TimeSpan.FromSeconds(2), count: false)));
        var run = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Loop(c, duration, count: true)));
        var seconds = run.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double? perActivation = null;
        if (activations > 0)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            for (var k = 0; k < activations; k += 1_000)
                await Task.WhenAll(Enumerable.Range(1_000_000 + k, 1_000).Select(i => grains.GetGrain<IEchoGrain>(i).Echo(i)));
            perActivation = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)activations;
        }
        await host.StopAsync();
        return new GrainFigures(calls / seconds, cpu.TotalMicroseconds / calls, perActivation, activations);
    }

    public sealed class BroadcastHub : Hub
    {
        public override async Task OnConnectedAsync()
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, "all");
            await base.OnConnectedAsync();
        }
    }

    /// <summary>
    /// The raw server of the per-delivery and per-request baselines, run as a child process (<c>raw-server</c> mode)
    /// so its CPU and allocations are its own: a SignalR hub (MessagePack) whose connections are all in one group,
    /// <c>POST /broadcast?perSecond=&amp;seconds=&amp;size=</c> sends one message of <c>size</c> bytes to the group
    /// at that rate, and <c>POST /echo</c> answers a JSON body with itself (no authentication, no storage).
    /// </summary>
    public static async Task ServeRaw()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR().AddMessagePackProtocol();
        await using var app = builder.Build();
        app.MapHub<BroadcastHub>("/raw");
        app.MapPost("/broadcast", async (int perSecond, int seconds, int size, IHubContext<BroadcastHub> hub) =>
        {
            var payload = new byte[size];
            new Random(3).NextBytes(payload);
            var sent = 0;
            await Paced(perSecond, TimeSpan.FromSeconds(seconds), _ => { Interlocked.Increment(ref sent); return hub.Clients.Group("all").SendAsync("Feed", payload); });
            return sent;
        });
        app.MapPost("/echo", (System.Text.Json.JsonElement body) => Results.Json(body));
        await app.StartAsync();
        Console.WriteLine(app.Urls.First());
        await app.WaitForShutdownAsync();
    }

    /// <summary>The raw server as a child process of this benchmark.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly Process process;
        private RawServer(Process process, Uri address) { this.process = process; Address = address; }
        public Uri Address { get; }
        public int ProcessId => process.Id;

        public static async Task<RawServer> Start()
        {
            var self = Environment.ProcessPath!;
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(Baselines).Assembly.Location);
            info.ArgumentList.Add("raw-server");
            var process = Process.Start(info)!;
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            return new RawServer(process, new Uri(line ?? throw new InvalidOperationException("raw server did not start")));
        }

        public ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The raw broadcast's figures: server cost per delivery, deliveries, and this client's CPU per delivery.</summary>
    public sealed record BroadcastFigures(ProcessCounters.Cost Server, int Connections, int PerSecond, int Size, double ClientCpuMicrosecondsEach);

    /// <summary>
    /// Server CPU and allocations per delivery of a raw SignalR group broadcast: <paramref name="connections"/>
    /// raw WebSocket readers in one group, a message of <paramref name="size"/> bytes sent to the group
    /// <paramref name="perSecond"/> times a second.
    /// </summary>
    public static async Task<BroadcastFigures> Broadcast(int connections, int perSecond, int size, TimeSpan duration)
    {
        await using var server = await RawServer.Start();
        var hub = new Uri(server.Address, "/raw");
        var readers = new System.Collections.Concurrent.ConcurrentBag<RawHubConnection>();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (_, _) => readers.Add(await RawHubConnection.Connect(hub, null, null, bufferSize: Math.Max(4096, size * 2))));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        // Warm-up (JIT, buffers), then the measured run.
        (await http.PostAsync($"/broadcast?perSecond={perSecond}&seconds=2&size={size}", null)).EnsureSuccessStatusCode();
        using var counters = ProcessCounters.Start(server.ProcessId);
        await Task.Delay(1500);
        var before = readers.Sum(r => r.Invocations);
        var mark = counters.Now();
        var client = Process.GetCurrentProcess().TotalProcessorTime;
        (await http.PostAsync($"/broadcast?perSecond={perSecond}&seconds={(int)duration.TotalSeconds}&size={size}", null)).EnsureSuccessStatusCode();
        await Task.Delay(1000);
        var delivered = readers.Sum(r => r.Invocations) - before;
        var cost = counters.Since(mark, delivered);
        client = Process.GetCurrentProcess().TotalProcessorTime - client;
        await Parallel.ForEachAsync(readers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (r, _) => await r.DisposeAsync());
        Console.Error.WriteLine($"  raw broadcast: {connections:N0} connections × {perSecond}/s × {size:N0} bytes: {delivered:N0} delivered, server {cost.Each} each");
        return new BroadcastFigures(cost, connections, perSecond, size, client.TotalMicroseconds / Math.Max(1, delivered));
    }

    /// <summary>Server CPU and allocations per request of a raw JSON POST (the body echoed), <paramref name="inFlight"/> at a time.</summary>
    public static async Task<ProcessCounters.Cost> JsonPost(object body, int inFlight, TimeSpan duration)
    {
        await using var server = await RawServer.Start();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = server.Address };
        var requests = 0;
        async Task Loop(TimeSpan length, bool count)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < length)
            {
                using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/echo", body);
                await response.Content.ReadAsByteArrayAsync();
                if (count) Interlocked.Increment(ref requests);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Loop(TimeSpan.FromSeconds(2), false)));
        using var counters = ProcessCounters.Start(server.ProcessId);
        await Task.Delay(1500);
        var mark = counters.Now();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Loop(duration, true)));
        var cost = counters.Since(mark, requests);
        Console.Error.WriteLine($"  raw JSON POST: {requests:N0} requests, server {cost.Each} each");
        return cost;
    }

    /// <summary>Starts <paramref name="send"/> at a steady rate (not waiting for one to finish before the next).</summary>
    public static async Task Paced(int perSecond, TimeSpan duration, Func<int, Task> send)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var pending = new List<Task>();
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++) pending.Add(send(sent));
            if (pending.Count > 10_000) { await Task.WhenAll(pending); pending.Clear(); }
            await Task.Delay(1);
        }
        await Task.WhenAll(pending);
    }

    public static (double P50, double P99, int Samples) Percentiles(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN, 0);
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], sorted.Length);
    }
}

public interface IEchoGrain : IGrainWithIntegerKey
{
    Task<long> Echo(long value);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<long> Echo(long value) => Task.FromResult(value);
}
