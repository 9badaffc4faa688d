using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
    public static async Task<double> GrainCalls(int callers, TimeSpan duration)
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
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Loop(c, duration, count: true)));
        var seconds = run.Elapsed.TotalSeconds;
        await host.StopAsync();
        return calls / seconds;
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
