using CommandCenter.Grains.Accounts;

namespace CommandCenter.Auth;

public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
    /// <summary>Supervisors and admins: replay, KPIs, what-if, assessment and dossiers.</summary>
    public const string Supervision = "supervision";
    /// <summary>Staff and the 督查员 (inspector): the 双随机 inspection tasks (an inspector its own, by the grid-scope rule).</summary>
    public const string Inspections = "inspections";

    public static void AddCommandCenterPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff]))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Supervision, p => p.RequireRole([.. Roles.Supervision]))
        .AddPolicy(Inspections, p => p.RequireRole([.. Roles.InspectionDesk]))
        .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
