using CommandCenter.Grains.Accounts;

namespace CommandCenter.Auth;

public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static void AddCommandCenterPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
