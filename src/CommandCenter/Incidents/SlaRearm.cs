using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Incidents;

/// <summary>
/// At start-up, brings back every running SLA clock. Reminders in the embedded profile live in memory, so this is
/// what makes deadlines survive a restart: each grid with an open incident whose clock runs is activated (it reads
/// its incidents' next instants from the ledger and wakes the overdue ones at once); an incident in no grid is woken itself.
/// </summary>
public sealed class SlaRearm(IIncidentLedger ledger, IGrainFactory grains, TimeProvider clock, ILogger<SlaRearm> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Run(cancellationToken);

    /// <summary>Brings back every running clock (also once after a copy from the embedded profile: see PostgresCopiedClocks).</summary>
    public async Task Run(CancellationToken cancellationToken)
    {
        var grids = new HashSet<string>(StringComparer.Ordinal);
        var loose = new List<string>();
        var open = new IncidentQuery(null, null, null, null, null, clock.GetUtcNow(), 0, int.MaxValue) { Open = true };
        await foreach (var summary in ledger.Stream(open, cancellationToken))
        {
            if (summary.NextWakeAt is null) continue;
            if (summary.GridId is { } grid) grids.Add(grid);
            else loose.Add(summary.Id);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(grids, parallel, async (id, _) => await grains.GetGrain<IGridGrain>(id).Watch());
        await Parallel.ForEachAsync(loose, parallel, async (id, _) => await grains.GetGrain<IIncidentGrain>(id).Wake());
        if (grids.Count + loose.Count > 0)
            log.LogInformation("Re-armed the SLA clocks of {Grids} grids and {Loose} incidents in no grid", grids.Count, loose.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
