namespace CommandCenter.Grains.Incidents;

/// <summary>Hands out case numbers for one city and day (key "JY-20261124"): JY-20261124-000001, -000002, … never twice.</summary>
public interface ICaseNumberGrain : IGrainWithStringKey
{
    Task<string> Next();
}

[GenerateSerializer, Alias("CaseNumberState")]
public sealed class CaseNumberState
{
    [Id(0)] public int Last { get; set; }
}

public sealed class CaseNumberGrain([PersistentState("case-numbers")] IPersistentState<CaseNumberState> counter) : Grain, ICaseNumberGrain
{
    public async Task<string> Next()
    {
        // Written before it is handed out: a crash can skip a number, never reuse one.
        counter.State.Last++;
        await counter.WriteStateAsync();
        return $"{this.GetPrimaryKeyString()}-{counter.State.Last:D6}";
    }
}
