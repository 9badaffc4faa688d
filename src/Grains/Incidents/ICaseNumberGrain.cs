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

/// <remarks>
/// Reentrant so that requests arriving while a number is being written wait together and share the
/// next write: one durable write hands out a run of numbers instead of one, so intake is not held to
/// one report per commit. A number is handed out only after a write that covers it is on disk.
/// </remarks>
[Reentrant]
public sealed class CaseNumberGrain([PersistentState("case-numbers")] IPersistentState<CaseNumberState> counter) : Grain, ICaseNumberGrain
{
    private readonly List<TaskCompletionSource<int>> waiting = [];
    private bool writing;

    public async Task<string> Next()
    {
        var mine = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Add(mine);
        // The first waiter starts the write loop; it runs (on this activation) until nobody waits.
        if (!writing) WriteWaiting().Ignore();
        return $"{this.GetPrimaryKeyString()}-{await mine.Task:D6}";
    }

    private async Task WriteWaiting()
    {
        writing = true;
        try
        {
            while (waiting.Count > 0)
            {
                var batch = waiting.ToList();
                waiting.Clear();
                var first = counter.State.Last + 1;
                // Written before they are handed out: a crash (or a failed write) can skip numbers, never reuse one.
                counter.State.Last += batch.Count;
                try
                {
                    await counter.WriteStateAsync();
                }
                catch (Exception e)
                {
                    foreach (var request in batch) request.TrySetException(e);
                    continue;
                }
                for (var i = 0; i < batch.Count; i++) batch[i].TrySetResult(first + i);
            }
        }
        finally
        {
            writing = false;
        }
    }
}
