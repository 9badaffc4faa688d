using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CommandCenter.Auth;

/// <summary>
/// The Hangfire dashboard is a set of pages a browser opens, so it cannot send an Authorization header.
/// It takes the same bearer token once as <c>/hangfire?access_token=…</c>; a valid token is then kept
/// in an HttpOnly cookie scoped to /hangfire for the dashboard's own follow-up requests. The dashboard's
/// endpoint still requires the admin role, so the cookie opens nothing a header would not.
/// </summary>
public static class DashboardToken
{
    public const string CookieName = "cc_dashboard_token";

    public static void Read(MessageReceivedContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Jobs.JobSetup.DashboardPath) || !string.IsNullOrEmpty(context.Token)) return;
        if (context.Request.Headers.Authorization.Count > 0) return;
        var fromQuery = context.Request.Query["access_token"].ToString();
        context.Token = !string.IsNullOrEmpty(fromQuery) ? fromQuery : context.Request.Cookies[CookieName];
    }

    public static void Remember(TokenValidatedContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(Jobs.JobSetup.DashboardPath)) return;
        var fromQuery = request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(fromQuery)) return;
        context.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Jobs.JobSetup.DashboardPath,
            Expires = context.SecurityToken.ValidTo == DateTime.MinValue ? null : new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero),
        });
    }
}
