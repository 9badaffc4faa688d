using CommandCenter.Grains.Setup;

namespace CommandCenter.City;

/// <summary>
/// Seeds the codebook on a new store (from the sample city's files, or the product's blank start) and keeps this
/// node's <see cref="CityRules"/> on the stored revision: read once before the API answers, then watched every few
/// seconds, so a change saved on another node reaches this one within <see cref="Period"/>.
/// </summary>
public sealed class CityRulesSync(IGrainFactory grains, CityRules rules, ILogger<CityRulesSync> log) : IHostedService, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();
    private Task? watching;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        rules.Use(await Codebook.Seed(rules.Initial));
        watching = Watch(stopping.Token);
    }

    private ICityCodebookGrain Codebook => grains.GetGrain<ICityCodebookGrain>("city");

    /// <summary>Reads the stored codebook now (after a save on this node, so its own next request sees the change).</summary>
    public async Task Refresh()
    {
        if (await Codebook.Get() is { } book) rules.Use(book);
    }

    private async Task Watch(CancellationToken token)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            try
            {
                if (await Codebook.GetRevision() != rules.Book.Revision) await Refresh();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The silo may be stopping or a store briefly away; the next tick tries again.
                log.LogDebug(e, "Could not read the city codebook's revision");
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (watching is not null) await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => stopping.Dispose();
}
