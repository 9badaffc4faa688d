namespace CommandCenter.Http;

/// <summary>
/// Section "Http": how the center stands behind a reverse proxy and whether it insists on HTTPS. Everything is off by
/// default: the embedded default serves plain HTTP on 127.0.0.1 and trusts no forwarded header.
/// </summary>
public sealed class EdgeOptions
{
    public const string Section = "Http";

    /// <summary>Addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose proxies are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Answer plain HTTP with a redirect to HTTPS.</summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>The HTTPS port to redirect to, when the center cannot tell it from its own addresses (e.g. behind a proxy).</summary>
    public int? HttpsPort { get; set; }

    /// <summary>Send Strict-Transport-Security on HTTPS answers (browsers then refuse plain HTTP for a year).</summary>
    public bool Hsts { get; set; }

    public bool TrustsProxies => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
