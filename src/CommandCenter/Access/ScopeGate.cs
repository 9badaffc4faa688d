using System.Security.Claims;
using CommandCenter.Auth;
using CommandCenter.Grains.Access;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Wall;
using CommandCenter.Grids;

namespace CommandCenter.Access;

/// <summary>
/// The host's one door to the grid-scope rule (<see cref="GridScope"/>): it turns the signed-in account into an
/// <see cref="Asker"/>, looks up what the rule needs (the hierarchy, a member's home grid) and hands back the
/// rule's decision. Endpoints and the hub ask it; none decides scope on its own.
/// </summary>
public sealed class ScopeGate(GridDirectory grids, IGrainFactory grains)
{
    public static Asker AskerOf(ClaimsPrincipal user) =>
        new(user.FindFirst(Claims.Role)?.Value ?? "", user.MemberIdOf(), user.GridScopeOf());

    public async Task<GridHierarchy?> Hierarchy() => (await grids.Current())?.Hierarchy;

    /// <summary>A grid subtree asked about (null: none in particular).</summary>
    public async Task<ScopeDecision> Subtree(ClaimsPrincipal user, string? gridId) =>
        GridScope.Subtree(await Hierarchy(), AskerOf(user), gridId);

    public ScopeDecision Incident(ClaimsPrincipal user, IncidentState incident) => GridScope.Incident(AskerOf(user), incident);

    public async Task<ScopeDecision> Member(ClaimsPrincipal user, string memberId) =>
        GridScope.Member(await Hierarchy(), AskerOf(user), memberId, await HomeGridOf(memberId, user));

    /// <summary>Changing a member's duty or positions, or following its channel.</summary>
    public async Task<ScopeDecision> OwnMember(ClaimsPrincipal user, string memberId) =>
        GridScope.OwnMember(await Hierarchy(), AskerOf(user), memberId, await HomeGridOf(memberId, user));

    public async Task<ScopeDecision> DispatchTarget(ClaimsPrincipal user, string memberId) =>
        GridScope.DispatchTarget(await Hierarchy(), AskerOf(user), memberId, await HomeGridOf(memberId, user));

    public async Task<ScopeDecision> Placement(ClaimsPrincipal user, GridPlacement? placement) =>
        GridScope.Placement(await Hierarchy(), AskerOf(user), placement);

    /// <summary>Which grids' things the account sees: for narrowing a list quietly.</summary>
    public async Task<Func<string?, bool>> Covers(ClaimsPrincipal user)
    {
        var hierarchy = await Hierarchy();
        var who = AskerOf(user);
        return gridId => GridScope.Covers(hierarchy, who, gridId);
    }

    /// <summary>A live channel: a scope is a subtree, a member channel is that member's.</summary>
    public async Task<ScopeDecision> Channel(ClaimsPrincipal user, string channel)
    {
        if (Channels.IsMember(channel, out var memberId)) return await OwnMember(user, memberId);
        if (Channels.IsScope(channel, out var gridId)) return await Subtree(user, gridId);
        return ScopeDecision.Refuse("Channels are \"scope:<grid id>\" or \"member:<member id>\".");
    }

    /// <summary>The 403 a refusal answers over HTTP, naming the account's scope.</summary>
    public static IResult Refusal(ClaimsPrincipal user, ScopeDecision decision) => Results.Problem(
        title: "Outside this account's reach",
        detail: decision.Reason,
        statusCode: StatusCodes.Status403Forbidden,
        extensions: new Dictionary<string, object?>
        {
            ["gridScope"] = user.GridScopeOf(),
            ["memberId"] = user.IsMember() ? user.MemberIdOf() : null,
        });

    // A member asking about itself needs no lookup; anyone else's home grid decides.
    private async Task<string?> HomeGridOf(string memberId, ClaimsPrincipal user)
    {
        if (user.IsMember() && memberId == user.MemberIdOf()) return null;
        if (string.IsNullOrWhiteSpace(memberId)) return null;
        return (await grains.GetGrain<IMemberGrain>(memberId).GetSnapshot())?.Profile.GridId;
    }
}
