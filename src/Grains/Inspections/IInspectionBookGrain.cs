namespace CommandCenter.Grains.Inspections;

/// <summary>The city's book of inspection tasks (key "city"); a task is on disk before Record returns.</summary>
public interface IInspectionBookGrain : IGrainWithStringKey
{
    Task<InspectionTask> Record(InspectionTask draft);
    Task<IReadOnlyList<InspectionTask>> List();
}

[GenerateSerializer, Alias("InspectionBook")]
public sealed class InspectionBook
{
    [Id(0)] public List<InspectionTask> Tasks { get; set; } = [];
}

public sealed class InspectionBookGrain([PersistentState("inspections")] IPersistentState<InspectionBook> book) : Grain, IInspectionBookGrain
{
    public async Task<InspectionTask> Record(InspectionTask draft)
    {
        // Numbered per day: INS-20261124-1, -2, … in the order they were drawn.
        var number = book.State.Tasks.Count(t => t.Day == draft.Day) + 1;
        var task = draft with { Id = $"INS-{draft.Day:yyyyMMdd}-{number}" };
        book.State.Tasks.Add(task);
        await book.WriteStateAsync();
        return task;
    }

    public Task<IReadOnlyList<InspectionTask>> List() =>
        Task.FromResult<IReadOnlyList<InspectionTask>>(book.State.Tasks.OrderByDescending(t => t.DrawnAt).ToList());
}
