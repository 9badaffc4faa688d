namespace CommandCenter.Http;

/// <summary>
/// Where the center listens when nobody says: http://127.0.0.1:5080 (Hosting:DefaultUrls). The standard
/// ways (ASPNETCORE_URLS, --urls, a Urls setting, the *_PORTS variables) always win; the default is
/// applied only when none of them is set, so it never outranks them the way a Urls line in appsettings.json would.
/// </summary>
public static class ListenAddress
{
    public const string Fallback = "http://127.0.0.1:5080";

    public static void UseDefaultUrlsUnlessSet(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]))
            return;
        builder.WebHost.UseUrls(configuration["Hosting:DefaultUrls"] is { Length: > 0 } configured ? configured : Fallback);
    }
}
