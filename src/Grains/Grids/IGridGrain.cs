namespace CommandCenter.Grains.Grids;

/// <summary>One grid of the hierarchy, keyed by grid id: its team and (with incidents) its open work.</summary>
public interface IGridGrain : IGrainWithStringKey
{
    Task AddMembers(IReadOnlyList<string> memberIds);
    Task RemoveMember(string memberId);
    Task<IReadOnlyList<string>> GetMemberIds();
}
