namespace CommandCenter.Grains.Inspections;

/// <summary>
/// The city's book of inspection tasks (key "city"). It draws under its own lock, so two runs at once never break a
/// quota, and every change is on disk before the call returns.
/// </summary>
public interface IInspectionBookGrain : IGrainWithStringKey
{
    /// <summary>Draws with <see cref="InspectionDraw"/> against the period's tasks already in the book and records the pairs.</summary>
    Task<IReadOnlyList<InspectionTask>> Draw(InspectionDrawRequest request);

    Task<IReadOnlyList<InspectionTask>> List();

    Task<InspectionTask?> Get(string taskId);

    /// <summary>Records the result once: a second recording is refused (<see cref="ResultOutcome.Recorded"/> false, the task as it stands).</summary>
    Task<ResultOutcome> RecordResult(string taskId, InspectionResult result);

    /// <summary>Notes what a failed check led to.</summary>
    Task<InspectionTask?> SetFollowUp(string taskId, InspectionFollowUp followUp);
}

/// <summary>An inspector as the draw request carries it: the rule's facts and its name for the book.</summary>
[GenerateSerializer, Alias("InspectionDrawInspector")]
public sealed record InspectionDrawInspector([property: Id(0)] string MemberId, [property: Id(1)] string Name, [property: Id(2)] string HomeGridId);

/// <summary>A case as the draw request carries it.</summary>
[GenerateSerializer, Alias("InspectionDrawCase")]
public sealed record InspectionDrawCase(
    [property: Id(0)] string IncidentId, [property: Id(1)] string TownId, [property: Id(2)] IReadOnlyList<string> GridChain,
    [property: Id(3)] string Category, [property: Id(4)] string State);

[GenerateSerializer, Alias("InspectionDrawRequest")]
public sealed record InspectionDrawRequest(
    [property: Id(0)] IReadOnlyList<InspectionDrawInspector> Inspectors,
    [property: Id(1)] IReadOnlyList<InspectionDrawCase> Cases,
    [property: Id(2)] int PerTown,
    [property: Id(3)] IReadOnlyDictionary<string, int> ByTown,
    [property: Id(4)] int PerRun,
    [property: Id(5)] int Seed,
    [property: Id(6)] string Period,
    [property: Id(7)] DateOnly Day,
    [property: Id(8)] DateTimeOffset Now,
    [property: Id(9)] DateTimeOffset DueAt);

[GenerateSerializer, Alias("InspectionResultOutcome")]
public sealed record ResultOutcome([property: Id(0)] InspectionTask? Task, [property: Id(1)] bool Recorded);

[GenerateSerializer, Alias("InspectionBook")]
public sealed class InspectionBook
{
    [Id(0)] public List<InspectionTask> Tasks { get; set; } = [];
}

public sealed class InspectionBookGrain([PersistentState("inspections")] IPersistentState<InspectionBook> book) : Grain, IInspectionBookGrain
{
    public async Task<IReadOnlyList<InspectionTask>> Draw(InspectionDrawRequest request)
    {
        var soFar = DrawnSoFar.Of(book.State.Tasks.Where(t => t.Period == request.Period));
        var pairs = InspectionDraw.Draw(
            request.Inspectors.Select(i => new DrawInspector(i.MemberId, i.HomeGridId)).ToList(),
            request.Cases.Select(c => new DrawCandidate(c.IncidentId, c.TownId, c.GridChain)).ToList(),
            new DrawQuotas(request.PerTown, request.ByTown, request.PerRun), soFar, request.Seed);
        if (pairs.Count == 0) return [];
        var inspectors = request.Inspectors.ToDictionary(i => i.MemberId);
        var cases = request.Cases.ToDictionary(c => c.IncidentId);
        // Numbered per day: INS-20261124-1, -2, … in the order they were drawn.
        var number = book.State.Tasks.Count(t => t.Day == request.Day);
        var drawn = pairs.Select(p =>
        {
            var c = cases[p.IncidentId];
            return new InspectionTask($"INS-{request.Day:yyyyMMdd}-{++number}", request.Day, p.InspectorId, inspectors[p.InspectorId].Name, p.IncidentId,
                c.GridChain.FirstOrDefault(), c.State, request.Now, request.Inspectors.Count, request.Cases.Count,
                request.Period, p.TownId, c.GridChain, c.Category, request.DueAt);
        }).ToList();
        book.State.Tasks.AddRange(drawn);
        await book.WriteStateAsync();
        return drawn;
    }

    public Task<IReadOnlyList<InspectionTask>> List() =>
        Task.FromResult<IReadOnlyList<InspectionTask>>(book.State.Tasks.OrderByDescending(t => t.DrawnAt).ThenByDescending(t => t.Id, StringComparer.Ordinal).ToList());

    public Task<InspectionTask?> Get(string taskId) => Task.FromResult(book.State.Tasks.FirstOrDefault(t => t.Id == taskId));

    public async Task<ResultOutcome> RecordResult(string taskId, InspectionResult result)
    {
        var index = book.State.Tasks.FindIndex(t => t.Id == taskId);
        if (index < 0) return new ResultOutcome(null, false);
        if (book.State.Tasks[index].IsRecorded) return new ResultOutcome(book.State.Tasks[index], false);
        var recorded = book.State.Tasks[index] with { Result = result };
        book.State.Tasks[index] = recorded;
        await book.WriteStateAsync();
        return new ResultOutcome(recorded, true);
    }

    public async Task<InspectionTask?> SetFollowUp(string taskId, InspectionFollowUp followUp)
    {
        var index = book.State.Tasks.FindIndex(t => t.Id == taskId);
        if (index < 0) return null;
        var task = book.State.Tasks[index] with { FollowUp = followUp };
        book.State.Tasks[index] = task;
        await book.WriteStateAsync();
        return task;
    }
}
