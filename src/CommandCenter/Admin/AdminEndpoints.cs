using CommandCenter.Auth;

namespace CommandCenter.Admin;

/// <summary>The admin console's API (/api/admin, admins only; docs/admin.md).</summary>
public static class AdminEndpoints
{
    public static void AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CodebookDesk>();
        services.AddSingleton<CommandCenter.Members.RosterDesk>();
    }

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapCityAdminEndpoints();
        admin.MapGridAdminEndpoints();
        admin.MapCategoryAdminEndpoints();
        admin.MapPolicyAdminEndpoints();
        admin.MapAccountAdminEndpoints();
        admin.MapAuditEndpoints();
        CommandCenter.Members.RosterEndpoints.MapRosterEndpoints(admin);
        app.MapPasswordEndpoints();
    }
}
