using CommandCenter.Grains.Incidents;

namespace CommandCenter.Incidents;

/// <summary>
/// At start-up, wakes every incident whose SLA clock is running. Reminders in the embedded profile
/// live in memory, so this is what makes deadlines survive a restart: overdue work escalates at
/// once, the rest re-arms its timer and reminder.
/// </summary>
public sealed class SlaRearm(IIncidentLedger ledger, IGrainFactory grains, ILogger<SlaRearm> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Run(cancellationToken);

    /// <summary>Wakes every incident with a running clock (also once after a copy from the embedded profile: see PostgresCopiedClocks).</summary>
    public async Task Run(CancellationToken cancellationToken)
    {
        var ids = await ledger.DueForWake(DateTimeOffset.MaxValue, int.MaxValue);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (id, _) => await grains.GetGrain<IIncidentGrain>(id).Wake());
        if (ids.Count > 0) log.LogInformation("Re-armed the SLA clocks of {Count} incidents", ids.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
