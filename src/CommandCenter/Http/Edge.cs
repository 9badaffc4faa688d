using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;

namespace CommandCenter.Http;

/// <summary>
/// The center's HTTP edge, ahead of everything else in the pipeline: forwarded headers from trusted proxies (so the
/// client address and scheme are right for rate limits, HTTPS redirection and the access log), HTTPS redirection and
/// HSTS when configured, the access log, and response compression.
/// </summary>
public static class Edge
{
    /// <summary>Paths never compressed (SignalR, the Hangfire pages, answers carrying a secret). See <see cref="AddEdge"/> for why.</summary>
    private static readonly PathString[] Uncompressed = ["/hubs", "/api/auth", Jobs.JobSetup.DashboardPath, "/api/intake/credentials"];

    private static bool Compressible(HttpRequest request) =>
        !Uncompressed.Any(p => request.Path.StartsWithSegments(p))
        // An admin's new invitation (POST /api/admin/accounts/{username}/invitation) answers with its one-time code.
        && !(request.Path.StartsWithSegments("/api/admin/accounts") && request.Path.Value!.EndsWith("/invitation", StringComparison.OrdinalIgnoreCase));

    public static void AddEdge(this WebApplicationBuilder builder)
    {
        // Before anything reads a setting: a bad one stops the start naming it.
        StartSettings.Check(builder.Configuration);
        var options = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.AddSingleton(options);
        Logs.Configure(builder);

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what the operator lists is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            foreach (var network in options.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            // A chain of trusted proxies is walked back to the first address that is not one of them.
            forwarded.ForwardLimit = null;
        });
        if (options.HttpsPort is { } port) builder.Services.AddHttpsRedirection(https => https.HttpsPort = port);
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

        // Compression over HTTPS too. BREACH needs a secret and attacker-chosen text in one compressed answer that the
        // attacker makes the victim's browser fetch with the victim's credentials. The API's credential is a bearer
        // token the page puts in the Authorization header, which a cross-site request cannot carry; the one cookie
        // (Hangfire's dashboard) is SameSite=Strict. The answers that carry a secret (tokens and invitations under
        // /api/auth, an admin's new invitation code, the partners' generated credentials) and the Hangfire pages are left
        // uncompressed anyway; SignalR (/hubs) frames its own messages.
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            // The defaults cover JSON, JS, CSS, HTML and text; photos and spreadsheets (xlsx is a zip) are compressed already.
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/geo+json", "application/problem+json", "image/svg+xml", "text/csv"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    /// <summary>First in the pipeline, before the dashboard's files.</summary>
    public static void UseEdge(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<EdgeOptions>();
        // Without a configured proxy the middleware is left out: with empty lists it would believe any sender.
        if (options.TrustsProxies) app.UseForwardedHeaders();
        if (options.HttpsRedirect) app.UseHttpsRedirection();
        if (options.Hsts) app.UseHsts();
        app.UseMiddleware<AccessLog>();
        app.UseWhen(http => Compressible(http.Request), compressed => compressed.UseResponseCompression());
    }
}
