using CommandCenter.Grains.Accounts;

namespace CommandCenter.Grains.Access;

/// <summary>
/// Who asks, as far as grid scope cares: the account's role, the member a member's account is linked to, and
/// the grid subtree the account is limited to (a staff account's scope, none: the whole city; a member's home grid).
/// </summary>
public sealed record Asker(string Role, string? MemberId = null, string? ScopeGridId = null)
{
    public bool IsStaff => Roles.IsStaff(Role);

    /// <summary>A member of a grid team (any of 一长五员): sees its own work and record.</summary>
    public bool IsMember => Roles.IsMember(Role);

    /// <summary>A 网格长, 督查员 or 联络员: besides its own work, sees its home grid's subtree (<see cref="Roles.SeesHomeGrid"/>).</summary>
    public bool SeesHomeGrid => IsMember && Roles.SeesHomeGrid(Role) && ScopeGridId is not null;

    /// <summary>Who sees grids at all: staff, and the members who see their home grid.</summary>
    public bool SeesGrids => IsStaff || SeesHomeGrid;

    /// <summary>Limited to a subtree: a scoped staff account, or a member who sees its home grid; an unscoped staff account sees the city.</summary>
    public bool IsScoped => SeesGrids && ScopeGridId is not null;
}
