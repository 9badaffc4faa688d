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

/// <summary>Section "RateLimits": how many calls a minute one client address or one account may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in and password calls per client address (the account lockout guards each account on top).</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Open311, webhooks and the public inspection results, per client address.</summary>
    public int PublicIntakePerMinute { get; set; } = 120;

    /// <summary>
    /// Every call of one signed-in account; far above what a person or a phone makes (a busy wall polls a few times a
    /// second), so only a runaway script meets it. 0 turns it off (benchmarks, simulators driving a city day).
    /// </summary>
    public int AccountPerMinute { get; set; } = 6000;
}
