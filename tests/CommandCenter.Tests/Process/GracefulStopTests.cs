using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Process;

/// <summary>
/// SIGTERM in the middle of a burst of reports and actions: readiness turns 503 at once, the requests in flight are
/// answered, the store's queued writes are committed, the process exits by itself with 0, and after a start on the same
/// data every acknowledged step is there.
/// </summary>
[Trait("Category", "Process")]
public class GracefulStopTests(ITestOutputHelper output) : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-graceful", Guid.NewGuid().ToString("N"));

    /// <summary>What one readiness poll saw: refused (no answer) or the status code, and when it was sent.</summary>
    private sealed record Poll(TimeSpan SentAt, int? Status);

    private static async Task<int?> Ready(HttpClient http)
    {
        try { return (int)(await http.GetAsync("/health/ready")).StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    [Fact]
    public async Task Sigterm_mid_burst_turns_ready_503_answers_what_is_in_flight_and_loses_nothing_acknowledged()
    {
        var load = new LoadLoop();
        var clock = Stopwatch.StartNew();
        // A short drain keeps the test quick; the default is 5 s.
        var center = CenterProcess.Launch(data, CenterProcess.AddressGiven.UrlsArgument, "--Shutdown:ReadyDrainSeconds=2", "--Shutdown:TimeoutSeconds=60");
        try
        {
            using var probe = new HttpClient { BaseAddress = center.Address, Timeout = TimeSpan.FromSeconds(5) };
            // From the process's start until it is ready: refused (not listening yet) or 503, never a 200 before it is ready.
            var starting = new List<int?>();
            while (clock.Elapsed < TimeSpan.FromSeconds(90) && !center.HasExited)
            {
                var status = await Ready(probe);
                starting.Add(status);
                if (status == 200) break;
                await Task.Delay(50);
            }
            starting.Should().EndWith(200, center.Output);
            starting.SkipLast(1).Should().OnlyContain(s => s == null || s == 503, "before it is ready the center refuses or answers 503");
            output.WriteLine($"start: {starting.Count(s => s == null)} refused, {starting.Count(s => s == 503)} × 503, then 200");

            var api = await center.ClientFor("admin");
            using var stopLoad = new CancellationTokenSource();
            var burst = load.Run(8, _ => api, stopLoad.Token);
            (await LoadLoop.Until(() => load.Acknowledged.Count >= 150, TimeSpan.FromSeconds(90))).Should().BeTrue(center.Output);

            // Readiness is watched through the stop, as a load balancer would.
            var polls = new ConcurrentQueue<Poll>();
            var signalled = TimeSpan.MaxValue;
            var watching = Task.Run(async () =>
            {
                while (!center.HasExited)
                {
                    var sent = clock.Elapsed;
                    polls.Enqueue(new Poll(sent, await Ready(probe)));
                    await Task.Delay(50);
                }
            });
            await Task.Delay(200);
            var acknowledgedAtSignal = load.Acknowledged.Count;
            signalled = clock.Elapsed;
            center.Terminate();

            var exit = await center.Exited(TimeSpan.FromSeconds(90));
            await stopLoad.CancelAsync();
            await burst;
            await watching;

            exit.Should().Be(0, "SIGTERM is a stop, not a crash:\n" + center.Output);
            var afterSignal = polls.Where(p => p.SentAt > signalled).ToList();
            afterSignal.Should().Contain(p => p.Status == 503, "ready turns 503 once the center is told to stop");
            // The signal reaches the process's handler a moment after kill returns (a busy machine: hundreds of ms), so a
            // poll or two may still find it ready; from its first 503 on, it is never ready again.
            afterSignal.SkipWhile(p => p.Status != 503).Should().OnlyContain(p => p.Status == null || p.Status == 503, "a stopping center is never ready again");
            center.Output.Should().Contain("SQLite store drained at stop");
            output.WriteLine($"{acknowledgedAtSignal} steps acknowledged at SIGTERM, {load.Acknowledged.Count} in all; {afterSignal.Count(p => p.Status == 503)} × 503 during the stop");
            load.Acknowledged.Count.Should().BeGreaterThan(acknowledgedAtSignal, "requests kept being answered during the drain");
        }
        finally
        {
            await center.DisposeAsync();
        }

        await using var restarted = await CenterProcess.Start(data);
        await load.ShouldAllBeIn(await restarted.ClientFor("admin"), "before SIGTERM");
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
