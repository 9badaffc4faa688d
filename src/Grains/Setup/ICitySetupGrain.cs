namespace CommandCenter.Grains.Setup;

/// <summary>Remembers whether the sample city was loaded into this data store (one grain, key "city").</summary>
public interface ICitySetupGrain : IGrainWithStringKey
{
    Task<string?> GetLoadedSample();
    Task MarkSampleLoaded(string sample);

    /// <summary>
    /// Lets one node load the sample when several start together on a shared store: true for the node
    /// that holds the claim; others wait for the mark. A claim lapses after its lease, so a node that
    /// died while loading does not block the rest (loading again is harmless: every step is idempotent).
    /// </summary>
    Task<bool> ClaimSampleLoad(string node, TimeSpan lease);
}

[GenerateSerializer, Alias("CitySetupState")]
public sealed class CitySetupState
{
    [Id(0)] public string? LoadedSample { get; set; }
    [Id(1)] public DateTimeOffset? LoadedAt { get; set; }
    [Id(2)] public string? ClaimedBy { get; set; }
    [Id(3)] public DateTimeOffset? ClaimedUntil { get; set; }
}

public sealed class CitySetupGrain([PersistentState("city-setup")] IPersistentState<CitySetupState> setup, TimeProvider clock)
    : Grain, ICitySetupGrain
{
    public Task<string?> GetLoadedSample() => Task.FromResult(setup.State.LoadedSample);

    public async Task MarkSampleLoaded(string sample)
    {
        setup.State.LoadedSample = sample;
        setup.State.LoadedAt = clock.GetUtcNow();
        await setup.WriteStateAsync();
    }

    public async Task<bool> ClaimSampleLoad(string node, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        if (setup.State.LoadedSample is not null) return false;
        if (setup.State.ClaimedBy != node && setup.State.ClaimedUntil > now) return false;
        setup.State.ClaimedBy = node;
        setup.State.ClaimedUntil = now + lease;
        await setup.WriteStateAsync();
        return true;
    }
}
