using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CommandCenter.Auth;

/// <summary>
/// The Hangfire and Orleans dashboards are sets of pages a browser opens, so they cannot send an Authorization
/// header. Each takes the same bearer token once as <c>/hangfire?access_token=…</c> (or <c>/orleans?…</c>); a
/// valid token is then kept in an HttpOnly cookie scoped to that dashboard's path for its own follow-up
/// requests. The dashboards' endpoints still require the admin role, so the cookie opens nothing a header would not.
/// </summary>
public static class DashboardToken
{
    public const string CookieName = "cc_dashboard_token";

    private static readonly string[] Paths = [Jobs.JobSetup.DashboardPath, Telemetry.OrleansDashboardSetup.Path];

    /// <summary>The dashboard the request is for, or null.</summary>
    private static string? DashboardOf(HttpRequest request) => Array.Find(Paths, path => request.Path.StartsWithSegments(path));

    public static void Read(MessageReceivedContext context)
    {
        if (DashboardOf(context.Request) is null || !string.IsNullOrEmpty(context.Token)) return;
        if (context.Request.Headers.Authorization.Count > 0) return;
        var fromQuery = context.Request.Query["access_token"].ToString();
        context.Token = !string.IsNullOrEmpty(fromQuery) ? fromQuery : context.Request.Cookies[CookieName];
    }

    public static void Remember(TokenValidatedContext context)
    {
        var request = context.Request;
        if (DashboardOf(request) is not { } dashboard) return;
        var fromQuery = request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(fromQuery)) return;
        context.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = dashboard,
            Expires = context.SecurityToken.ValidTo == DateTime.MinValue ? null : new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero),
        });
    }
}
