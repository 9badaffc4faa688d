using CommandCenter.Grains.Accounts;

namespace CommandCenter.Auth;

public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
    /// <summary>Supervisors and admins: replay, KPIs, what-if, assessment and dossiers.</summary>
    public const string Supervision = "supervision";

    public static void AddCommandCenterPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Supervision, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
        .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
