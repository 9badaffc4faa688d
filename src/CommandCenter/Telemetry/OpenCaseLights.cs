using System.Diagnostics.Metrics;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Telemetry;

/// <summary>
/// The open-cases gauge: how many open cases show each SLA light now. Counting is four ledger queries, so a
/// scrape reads the last count and starts a fresh one in the background when it is older than
/// Telemetry:OpenCasesRefreshSeconds (default 30): nobody scraping costs nothing, a scrape never waits.
/// </summary>
public sealed class OpenCaseLights(IMeterFactory meters, IIncidentLedger ledger, TimeProvider clock, IConfiguration configuration,
    ILogger<OpenCaseLights> log) : IHostedService
{
    private static readonly SlaLight[] Lights = [SlaLight.Green, SlaLight.Yellow, SlaLight.Red, SlaLight.None];
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
            var counts = new List<Measurement<long>>(Lights.Length);
            foreach (var light in Lights)
            {
                var page = await ledger.Query(new IncidentQuery(null, null, null, null, null, now, 0, 0) { Open = true, Light = light });
                counts.Add(new Measurement<long>(page.Total, new KeyValuePair<string, object?>("light", light.ToString().ToLowerInvariant())));
            }
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
