namespace CommandCenter.Grains.Grids;

[GenerateSerializer, Alias("GridState")]
public sealed class GridState
{
    [Id(0)] public HashSet<string> MemberIds { get; set; } = [];
}

public sealed class GridGrain([PersistentState("grid")] IPersistentState<GridState> grid, Incidents.IIncidentLedger ledger, TimeProvider clock) : Grain, IGridGrain
{
    // Not persisted: the ledger is the truth, and the index is rebuilt from it on activation.
    private readonly Dictionary<string, Incidents.IncidentSummary> open = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in await ledger.OpenIn(this.GetPrimaryKeyString())) open[summary.Id] = summary;
    }

    public Task TrackIncident(Incidents.IncidentSummary summary)
    {
        if (summary.IsOpen && summary.GridId == this.GetPrimaryKeyString()) open[summary.Id] = summary;
        else open.Remove(summary.Id);
        return Task.CompletedTask;
    }

    public Task<GridIncidents> GetOpenIncidents() => Task.FromResult(new GridIncidents(
        this.GetPrimaryKeyString(), open.Count, open.Values.Count(s => s.Light.IsOverdueAt(clock.GetUtcNow())),
        open.Values.OrderBy(s => s.DueAt ?? DateTimeOffset.MaxValue).ToList()));

    public async Task AddMembers(IReadOnlyList<string> memberIds)
    {
        var changed = false;
        foreach (var id in memberIds) changed |= grid.State.MemberIds.Add(id);
        if (changed) await grid.WriteStateAsync();
    }

    public async Task RemoveMember(string memberId)
    {
        if (grid.State.MemberIds.Remove(memberId)) await grid.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetMemberIds() => Task.FromResult<IReadOnlyList<string>>(grid.State.MemberIds.Order(StringComparer.Ordinal).ToList());
}
