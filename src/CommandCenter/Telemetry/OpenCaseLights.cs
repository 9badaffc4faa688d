using System.Diagnostics.Metrics;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Telemetry;

/// <summary>
/// The open-cases gauge: how many open cases show each SLA light now. Counting reads every open case, so a
/// scrape reads the last count and starts a fresh one in the background when it is older than
/// Telemetry:OpenCasesRefreshSeconds (default 30): nobody scraping costs nothing, a scrape never waits.
/// </summary>
public sealed class OpenCaseLights(IMeterFactory meters, IIncidentLedger ledger, TimeProvider clock, IConfiguration configuration,
    ILogger<OpenCaseLights> log) : IHostedService
{
    private static readonly SlaLight[] Lights = Enum.GetValues<SlaLight>();
    private readonly TimeSpan refreshEvery = TimeSpan.FromSeconds(configuration.GetValue("Telemetry:OpenCasesRefreshSeconds", 30));
    private Meter? meter;
    private volatile IReadOnlyList<Measurement<long>> last = [];
    private DateTimeOffset countedAt = DateTimeOffset.MinValue;
    private int counting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meter = meters.Create(CenterMetrics.MeterName);
        CenterMetrics.OpenCasesGauge(meter, Observe);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        meter?.Dispose();
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (clock.GetUtcNow() - countedAt >= refreshEvery && Interlocked.Exchange(ref counting, 1) == 0) _ = Count();
        return last;
    }

    private async Task Count()
    {
        try
        {
            var now = clock.GetUtcNow();
            // One pass over the open cases, each read by its stored light course (as the list's light filter reads it).
            var byLight = Lights.ToDictionary(light => light, _ => 0L);
            await foreach (var open in ledger.Stream(new IncidentQuery(null, null, null, null, null, now, 0, int.MaxValue) { Open = true }))
                byLight[open.Light.At(now)]++;
            var counts = Lights.Select(light => new Measurement<long>(byLight[light], new KeyValuePair<string, object?>("light", light.ToString().ToLowerInvariant()))).ToList();
            last = counts;
            countedAt = now;
        }
        catch (Exception e)
        {
            // The gauge keeps its last count; the next scrape tries again.
            log.LogWarning(e, "Counting open cases by light for the metrics failed");
        }
        finally { Volatile.Write(ref counting, 0); }
    }
}
