using CommandCenter.Grains.Accounts;

namespace CommandCenter.Grains.Access;

/// <summary>
/// Who asks, as far as grid scope cares: the account's role, the member a worker account is linked to,
/// and the grid subtree an operator or supervisor account is limited to (none: the whole city).
/// </summary>
public sealed record Asker(string Role, string? MemberId = null, string? ScopeGridId = null)
{
    public bool IsStaff => Role is Roles.Operator or Roles.Supervisor or Roles.Admin;
    public bool IsWorker => Role == Roles.Worker;

    /// <summary>Staff limited to a subtree; an unscoped staff account sees the city.</summary>
    public bool IsScoped => IsStaff && ScopeGridId is not null;
}
