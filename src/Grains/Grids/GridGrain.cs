namespace CommandCenter.Grains.Grids;

[GenerateSerializer, Alias("GridState")]
public sealed class GridState
{
    [Id(0)] public HashSet<string> MemberIds { get; set; } = [];
}

public sealed class GridGrain([PersistentState("grid")] IPersistentState<GridState> grid) : Grain, IGridGrain
{
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
