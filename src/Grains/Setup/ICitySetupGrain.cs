namespace CommandCenter.Grains.Setup;

/// <summary>Remembers whether the sample city was loaded into this data store (one grain, key "city").</summary>
public interface ICitySetupGrain : IGrainWithStringKey
{
    Task<string?> GetLoadedSample();
    Task MarkSampleLoaded(string sample);
}

[GenerateSerializer, Alias("CitySetupState")]
public sealed class CitySetupState
{
    [Id(0)] public string? LoadedSample { get; set; }
    [Id(1)] public DateTimeOffset? LoadedAt { get; set; }
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
}
