namespace CommandCenter.Dashboard;

/// <summary>
/// Security headers: every response is nosniff with a strict referrer policy; the dashboard's pages also get
/// a Content-Security-Policy that allows only this origin (scripts, styles, the API, the hub's WebSocket),
/// blob: workers for MapLibre, and data:/blob: images. The API reference (/scalar) keeps its own needs.
/// </summary>
public sealed class PageHeaders(RequestDelegate next)
{
    private static readonly string[] WithoutPolicy = ["/api", "/hubs", "/scalar", "/openapi", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!WithoutPolicy.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            var host = context.Request.Host.Value;
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
                $"connect-src 'self' ws://{host} wss://{host}; worker-src 'self' blob:; child-src 'self' blob:; " +
                "media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(self), microphone=(), payment=()";
        }
        return next(context);
    }
}
