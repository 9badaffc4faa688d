using System.Security.Claims;
using CommandCenter.Grains.Accounts;

namespace CommandCenter.Auth;

/// <summary>The claims a token carries and what they mean for access.</summary>
public static class Claims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string MemberId = "member_id";
    public const string GridScope = "grid_scope";
    /// <summary>The desk powers of the account's role (<see cref="Roles.PowersOf"/>), for pages to show what the server will take.</summary>
    public const string Powers = "powers";
    /// <summary>The account's session generation when the token was issued (<see cref="AccountSessions"/>).</summary>
    public const string Sessions = "ses";

    public static int SessionsOf(this ClaimsPrincipal user) => int.TryParse(user.FindFirst(Sessions)?.Value, out var n) ? n : 0;

    public static string? MemberIdOf(this ClaimsPrincipal user) => user.FindFirst(MemberId)?.Value;

    /// <summary>The grid subtree an operator or supervisor account is limited to, if any; what it means is decided by Grains.Access.GridScope.</summary>
    public static string? GridScopeOf(this ClaimsPrincipal user) => user.FindFirst(GridScope)?.Value;

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirst(Role)?.Value ?? "";

    public static bool IsStaff(this ClaimsPrincipal user) => Roles.IsStaff(user.RoleOf());

    /// <summary>A member of a grid team (any of 一长五员): its account is linked to a member of the roster.</summary>
    public static bool IsMember(this ClaimsPrincipal user) => Roles.IsMember(user.RoleOf());
}
