using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Access;

/// <summary>
/// The grid-scope rule, the one place that decides who sees and acts on what:
/// an unscoped staff account (operator, supervisor, admin) sees the city; a staff account scoped to a grid
/// sees and acts on that grid's subtree only (its incidents, members, positions, tracks, KPIs, replays,
/// reports, and only there may it report or dispatch). A member of a grid team sees its own work, its own
/// reports and its own record; a 网格长, 督查员 or 联络员 also sees its home grid's subtree as a scoped account
/// does (and dispatches only to members there). What each may do there is the action table's.
/// Every endpoint and hub method asks one of these questions; none decides scope on its own.
/// </summary>
public static class GridScope
{
    /// <summary>
    /// A question about a grid subtree (lists, the wall, KPIs, replay, exports, reports): with no grid asked, a scoped
    /// asker is narrowed to its own subtree and an unscoped one is allowed the city (GridId null); a grid outside the
    /// asker's subtree is refused.
    /// A grid the hierarchy does not know is allowed through: the caller answers that it does not exist.
    /// </summary>
    public static ScopeDecision Subtree(GridHierarchy? hierarchy, Asker who, string? gridId)
    {
        if (!who.SeesGrids) return ScopeDecision.Refuse(NotStaff(who));
        if (hierarchy is null) return who.IsScoped ? ScopeDecision.Refuse(NoHierarchy) : ScopeDecision.Allow(gridId);
        if (string.IsNullOrWhiteSpace(gridId)) return who.IsScoped ? ScopeDecision.Narrow(who.ScopeGridId!) : ScopeDecision.Allow(null);
        gridId = gridId.Trim();
        if (!who.IsScoped || hierarchy.Find(gridId) is null) return ScopeDecision.Allow(gridId);
        return hierarchy.IsWithin(gridId, who.ScopeGridId!)
            ? ScopeDecision.Allow(gridId)
            : ScopeDecision.Refuse($"{Works(hierarchy, who)}; {Named(hierarchy, gridId)} is outside it.");
    }

    /// <summary>Whether a thing at this grid belongs to what the asker sees: for filtering lists quietly.</summary>
    public static bool Covers(GridHierarchy? hierarchy, Asker who, string? gridId) =>
        who.SeesGrids && (!who.IsScoped || (gridId is not null && hierarchy is not null && hierarchy.IsWithin(gridId, who.ScopeGridId!)));

    /// <summary>
    /// An incident: staff by where it is located (an unlocated one only when unscoped); a member when it is its own
    /// work or its own report, and a member who sees its home grid also by where it is located.
    /// </summary>
    public static ScopeDecision Incident(Asker who, IncidentState incident)
    {
        if (who.IsMember)
        {
            if (who.MemberId is { } me && (IsOwnWork(me, incident) || incident.ReportedBy == me)) return ScopeDecision.Allow();
            if (who.SeesHomeGrid) return At(who, incident.Placement?.Chain, $"Incident {incident.Id}");
            return ScopeDecision.Refuse("A member sees only incidents assigned to it, its sub-tasks, those it was sent a notice about and those it reported.");
        }
        return At(who, incident.Placement?.Chain, $"Incident {incident.Id}");
    }

    /// <summary>
    /// A 双随机 inspection task and the facts of its case: the inspector drawn for it sees it wherever the case lies (the
    /// draw never gives an inspector a case of its own grid, so the case is always outside its home subtree); staff by the
    /// case's grid. Nobody else: who checks what stays unknown to the grids being checked. Seeing a task shows the case's
    /// facts through the task, never the incident itself (its ledger, callers, actions), so this is a fact about the task,
    /// not an exception in <see cref="Incident"/>.
    /// </summary>
    public static ScopeDecision Inspection(Asker who, string taskId, string inspectorId, IReadOnlyList<string>? caseChain)
    {
        if (who.IsMember)
            return who.MemberId == inspectorId
                ? ScopeDecision.Allow()
                : ScopeDecision.Refuse($"Inspection {taskId} is shown only to the inspector drawn for it and to the command center's staff.");
        return At(who, caseChain is { Count: > 0 } ? caseChain : null, $"The case of inspection {taskId}");
    }

    /// <summary>
    /// A member's record, position, duty, track, dossier or channel: staff by the member's home grid; a member its own,
    /// and a member who sees its home grid also the members whose home grid is in it.
    /// </summary>
    public static ScopeDecision Member(GridHierarchy? hierarchy, Asker who, string memberId, string? homeGridId)
    {
        if (who.IsMember && string.Equals(who.MemberId, memberId, StringComparison.Ordinal)) return ScopeDecision.Allow();
        if (who.IsMember && !who.SeesHomeGrid)
            return ScopeDecision.Refuse("A member sees and changes only its own member record, track and channel.");
        // An unknown member has nothing to leak: the caller answers that it does not exist.
        if (homeGridId is null) return who.SeesGrids ? ScopeDecision.Allow() : ScopeDecision.Refuse(NotStaff(who));
        if (hierarchy is null && who.IsScoped) return ScopeDecision.Refuse(NoHierarchy);
        return At(who, hierarchy is null ? [homeGridId] : ChainOf(hierarchy, homeGridId), $"Member {memberId} (home grid {Named(hierarchy, homeGridId)})");
    }

    /// <summary>
    /// Changing a member's record (duty, positions) or following its channel (its notices): a member only its own;
    /// staff by the member's home grid, as <see cref="Member"/>. A 网格长 reads its members' records but does not
    /// act as them.
    /// </summary>
    public static ScopeDecision OwnMember(GridHierarchy? hierarchy, Asker who, string memberId, string? homeGridId) =>
        who.IsMember && !string.Equals(who.MemberId, memberId, StringComparison.Ordinal)
            ? ScopeDecision.Refuse("A member changes only its own duty and positions and follows only its own channel.")
            : Member(hierarchy, who, memberId, homeGridId);

    /// <summary>
    /// Who an incident may go to (dispatch, split): a scoped account dispatches only to members whose home grid
    /// is in its subtree, so its work never lands on another town's people.
    /// </summary>
    public static ScopeDecision DispatchTarget(GridHierarchy? hierarchy, Asker who, string memberId, string? homeGridId)
    {
        if (!who.IsScoped || homeGridId is null) return ScopeDecision.Allow();
        if (hierarchy is null) return ScopeDecision.Refuse(NoHierarchy);
        return hierarchy.IsWithin(homeGridId, who.ScopeGridId!)
            ? ScopeDecision.Allow()
            : ScopeDecision.Refuse($"{Works(hierarchy, who)}: its incidents go only to members whose home grid is there, and member {memberId}'s home grid is {Named(hierarchy, homeGridId)}.");
    }

    /// <summary>
    /// Where a report or a (re)location puts an incident: a scoped staff account only inside its subtree (it must give
    /// a position or grid there); members report what they meet wherever they are; unscoped staff anywhere in the city.
    /// </summary>
    public static ScopeDecision Placement(GridHierarchy? hierarchy, Asker who, GridPlacement? placement)
    {
        if (who.IsMember || !who.IsScoped) return ScopeDecision.Allow();
        if (placement is null) return ScopeDecision.Refuse($"{Works(hierarchy, who)}: give a position or grid inside it.");
        return placement.Chain.Contains(who.ScopeGridId!)
            ? ScopeDecision.Allow()
            : ScopeDecision.Refuse($"{Works(hierarchy, who)}; the place given is in {Named(hierarchy, placement.GridId)}, outside it.");
    }

    private static ScopeDecision At(Asker who, IReadOnlyList<string>? chain, string what)
    {
        if (!who.SeesGrids) return ScopeDecision.Refuse(NotStaff(who));
        if (!who.IsScoped) return ScopeDecision.Allow();
        if (chain is null) return ScopeDecision.Refuse($"{what} is not located to a grid yet; this account works in {who.ScopeGridId} and the grids below it only.");
        return chain.Contains(who.ScopeGridId!)
            ? ScopeDecision.Allow()
            : ScopeDecision.Refuse($"{what} is outside {who.ScopeGridId}: this account works in {who.ScopeGridId} and the grids below it only.");
    }

    private static bool IsOwnWork(string memberId, IncidentState incident) =>
        memberId == incident.AssigneeId
        || incident.SubTasks.Any(t => t.MemberId == memberId)
        || incident.Notices.Any(n => n.MemberId == memberId);

    private static IReadOnlyList<string> ChainOf(GridHierarchy hierarchy, string gridId)
    {
        var chain = hierarchy.ChainOf(gridId).Select(n => n.Id).ToList();
        return chain.Count == 0 ? [gridId] : chain;
    }

    private const string NoHierarchy = "No grid hierarchy is loaded, so this account's grid scope cannot be checked.";

    private static string Works(GridHierarchy? hierarchy, Asker who) =>
        $"This account works in {Named(hierarchy, who.ScopeGridId!)} and the grids below it only";

    private static string Named(GridHierarchy? hierarchy, string gridId) =>
        hierarchy?.Find(gridId) is { } node ? $"{node.Id} ({node.Name})" : gridId;

    private static string NotStaff(Asker who) => who.IsMember
        ? "Only the command center's staff and a grid's leader, inspector and liaison see a grid's work; a member sees its own assignments, reports and record."
        : "Only operators, supervisors and admins see grids.";
}
