using CommandCenter.Access;
using CommandCenter.Auth;
using Orleans.Dashboard;

namespace CommandCenter.Telemetry;

/// <summary>
/// Orleans' own dashboard (silos, grain activations, calls and their latency) for admins at /orleans. A
/// browser opens it once as /orleans?access_token=… like the job dashboard (<see cref="DashboardToken"/>);
/// the route's admin policy decides. Its grain-call profiler costs a little on every call, so
/// OrleansDashboard:Enabled = false leaves it out on a node that needs every cycle.
/// </summary>
public static class OrleansDashboardSetup
{
    public const string Path = "/orleans";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("OrleansDashboard:Enabled", true);

    public static void AddOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!Enabled(configuration)) return;
        // The live log stream stays off: the logs are the operators' (through their log store), not a browser tab's.
        silo.AddDashboard(o => o.HideTrace = true);
    }

    public static void MapOrleansDashboardForAdmins(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return;
        app.MapOrleansDashboard(routePrefix: Path)
            .RequireAuthorization(Policies.Admin)
            // Its pages and their data are the dashboard's own, not the center's API.
            .ExcludeFromDescription()
            .NotGridScoped("the Orleans dashboard: admin only, and admins are never scoped");
    }
}
