using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CommandCenter.Benchmarks;

/// <summary>
/// What another .NET process (the center, a baseline server) costs, read from outside without changing it:
/// its CPU time from /proc/&lt;pid&gt;/stat and the bytes it has allocated, summed from the runtime's
/// <c>alloc-rate</c> EventCounter (System.Runtime, GC.GetTotalAllocatedBytes per interval) over an EventPipe
/// session (the diagnostics IPC socket every .NET process opens). The counter comes every half second, so an
/// allocation figure over a window is exact to about half a second's allocations at each end.
/// </summary>
internal sealed class ProcessCounters : IDisposable
{
    private readonly int pid;
    private readonly EventPipeSession? session;
    private readonly Task? reading;
    private long allocated;
    private long ticks;

    private ProcessCounters(int pid, EventPipeSession? session)
    {
        this.pid = pid;
        this.session = session;
        if (session is null) return;
        reading = Task.Run(() =>
        {
            try
            {
                using var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += e =>
                {
                    if (e.EventName != "EventCounters") return;
                    if (e.PayloadValue(0) is not IDictionary<string, object> outer || outer["Payload"] is not IDictionary<string, object> payload) return;
                    if (payload["Name"] as string != "alloc-rate") return;
                    Interlocked.Add(ref allocated, (long)Convert.ToDouble(payload["Increment"], CultureInfo.InvariantCulture));
                    Interlocked.Increment(ref ticks);
                };
                source.Process();
            }
            catch (Exception e) when (e is not OutOfMemoryException) { }
        });
    }

    /// <summary>Starts reading <paramref name="pid"/>'s counters; allocations read null when the process has no diagnostics socket.</summary>
    public static ProcessCounters Start(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[]
            {
                new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
                    new Dictionary<string, string> { ["EventCounterIntervalSec"] = "0.5" }),
            };
            return new ProcessCounters(pid, client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 16));
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
        {
            Console.Error.WriteLine($"  allocations of {pid} not readable: {e.Message}");
            return new ProcessCounters(pid, null);
        }
    }

    /// <summary>Bytes allocated so far since the counters started (null if they could not be read).</summary>
    public long? AllocatedBytes => session is null || Interlocked.Read(ref ticks) == 0 ? null : Interlocked.Read(ref allocated);

    /// <summary>CPU time (user + kernel) of the process so far, from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan CpuTime => Cpu(pid);

    /// <summary>A point to measure from: the process's CPU time and allocated bytes now.</summary>
    public Mark Now() => new(CpuTime, AllocatedBytes);

    /// <summary>The process's CPU and allocations since <paramref name="from"/>, per operation.</summary>
    public Cost Since(Mark from, double operations)
    {
        var to = Now();
        var cpu = to.Cpu - from.Cpu;
        long? bytes = to.Allocated is { } a && from.Allocated is { } b ? a - b : null;
        return new Cost(cpu, bytes, operations);
    }

    public readonly record struct Mark(TimeSpan Cpu, long? Allocated);

    /// <summary>CPU and allocations over a window and the operations done in it.</summary>
    public readonly record struct Cost(TimeSpan Cpu, long? Allocated, double Operations)
    {
        public double CpuMicrosecondsEach => Cpu.TotalMicroseconds / Operations;
        public double? BytesEach => Allocated is { } a ? a / Operations : null;

        /// <summary>"764 µs CPU, 52 KB allocated" per operation.</summary>
        public string Each => Operations <= 0 ? "n/a" :
            $"{Micro(CpuMicrosecondsEach)} CPU, {(BytesEach is { } b ? Size(b) : "n/a")} allocated";
    }

    public static string Micro(double us) => us >= 10 ? $"{us:N0} µs" : $"{us:0.0} µs";

    public static string Size(double bytes) => bytes >= 10_240 ? $"{bytes / 1024:N0} KB" : bytes >= 1024 ? $"{bytes / 1024:0.0} KB" : $"{bytes:N0} B";

    /// <summary>CPU time of any process (user + kernel) from /proc/&lt;pid&gt;/stat; the reaped children are not counted.</summary>
    public static TimeSpan Cpu(int pid)
    {
        if (!File.Exists($"/proc/{pid}/stat")) return Process.GetProcessById(pid).TotalProcessorTime;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields from the state on: utime is the 12th, stime the 13th (0-based 11 and 12), in clock ticks (100 per second on Linux).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>
    /// The live managed heap of <paramref name="pid"/> after a full, blocking collection that this call induces
    /// (the runtime collects when an EventPipe session asks for the GC heap-collect keyword, as dotnet-gcdump does),
    /// read from the GCHeapStats event that follows; null if it did not come within 60 s.
    /// </summary>
    public static async Task<long?> LiveHeapAfterFullCollection(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            const long GcKeyword = 0x1, GcHeapCollectKeyword = 0x800000;
            using var session = client.StartEventPipeSession(
                [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)], requestRundown: false);
            var result = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = Task.Run(() =>
            {
                try
                {
                    using var source = new EventPipeEventSource(session.EventStream);
                    var induced = false;
                    source.Clr.GCStart += e => { if (e.Reason == GCReason.Induced && e.Depth == 2) induced = true; };
                    source.Clr.GCHeapStats += e =>
                    {
                        if (!induced) return;
                        result.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                    };
                    source.Process();
                }
                catch (Exception e) when (e is not OutOfMemoryException) { }
                result.TrySetResult(null);
            });
            var heap = await result.Task.WaitAsync(TimeSpan.FromSeconds(60));
            try { session.Stop(); } catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException) { }
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
            return heap;
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
        {
            Console.Error.WriteLine($"  heap of {pid} not readable: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Where a process allocates: the runtime's AllocationTick events (one per ≈ 100 KB allocated, naming the type of
    /// the object that crossed the mark) over <paramref name="duration"/>, as sampled bytes per type name.
    /// </summary>
    public static async Task<IReadOnlyList<(string Type, long Bytes)>> AllocationProfile(int pid, TimeSpan duration)
    {
        var client = new DiagnosticsClient(pid);
        const long GcKeyword = 0x1;
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, GcKeyword)], requestRundown: false);
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var reading = Task.Run(() =>
        {
            try
            {
                using var source = new EventPipeEventSource(session.EventStream);
                source.Clr.GCAllocationTick += e =>
                {
                    var name = e.TypeName ?? "?";
                    lock (bytes) bytes[name] = bytes.GetValueOrDefault(name) + e.AllocationAmount64;
                };
                source.Process();
            }
            catch (Exception e) when (e is not OutOfMemoryException) { }
        });
        await Task.Delay(duration);
        try { session.Stop(); } catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException) { }
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        lock (bytes) return bytes.OrderByDescending(b => b.Value).Select(b => (b.Key, b.Value)).ToList();
    }

    public void Dispose()
    {
        try { session?.Stop(); } catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException or ObjectDisposedException) { }
        reading?.Wait(TimeSpan.FromSeconds(5));
        session?.Dispose();
    }
}
