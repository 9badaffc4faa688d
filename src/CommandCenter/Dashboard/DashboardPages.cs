using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CommandCenter.Dashboard;

/// <summary>
/// Serves the built dashboard (src/Dashboard, built into wwwroot/app by the normal build): the map wall at
/// <c>/</c>, the worker page at <c>/worker</c>, the replay page at <c>/replay</c>, the admin console at <c>/admin</c>, the supervisor's KPIs at <c>/supervisor</c>. Pages and their files are
/// public (they sign in through the API); everything under /api and /hubs keeps requiring a token.
/// </summary>
public static class DashboardPages
{
    private static readonly Dictionary<string, string> Pages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = "/index.html",
        ["/worker"] = "/worker/index.html",
        ["/worker/"] = "/worker/index.html",
        ["/replay"] = "/replay/index.html",
        ["/replay/"] = "/replay/index.html",
        ["/bulletin"] = "/bulletin/index.html",
        ["/bulletin/"] = "/bulletin/index.html",
        ["/admin"] = "/admin/index.html",
        ["/admin/"] = "/admin/index.html",
        ["/supervisor"] = "/supervisor/index.html",
        ["/supervisor/"] = "/supervisor/index.html",
    };

    /// <summary>Call before authentication: static files answer here and never reach the fallback policy.</summary>
    public static void UseDashboard(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, "wwwroot", "app");
        Directory.CreateDirectory(root);
        var files = new PhysicalFileProvider(root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";

        app.UseMiddleware<PageHeaders>();
        app.Use((context, next) =>
        {
            if (Pages.TryGetValue(context.Request.Path.Value ?? "", out var page)) context.Request.Path = page;
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                // Built assets carry a content hash in their names; pages must be checked each time.
                file.Context.Response.Headers[HeaderNames.CacheControl] =
                    file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
    }
}
