using System.Globalization;
using System.Net;

namespace CommandCenter.Http;

/// <summary>
/// The plain settings of the center (numbers, switches, durations, addresses) and what each must be. They are checked
/// once, before anything reads them: many are read while the host is being built (ports, body limits, worker counts),
/// before <c>ValidateOnStart</c> could run, and a value the binder cannot convert would otherwise stop the start with a
/// type name instead of a sentence. A bad setting stops the start with one message naming every bad setting and what
/// it got; an empty value counts as unset, as the binder takes it. Settings with rules of their own (Kpis, Assessment weights, Patrol, Inspections, Photos, Storage:Profile)
/// keep them where they are read.
/// </summary>
public static class StartSettings
{
    /// <param name="Secret">Never repeated in the message: start-up failures land in logs.</param>
    private sealed record Rule(string Key, string Expected, Func<string, bool> Accepts, bool Secret = false);

    private static readonly Rule[] Rules =
    [
        WholeNumber("Http:MaxRequestBodyBytes", 1024, long.MaxValue),
        Switch("Http:HttpsRedirect"),
        Switch("Http:Hsts"),
        WholeNumber("Http:HttpsPort", 1, 65535),
        WholeNumber("RateLimits:SignInPerMinute", 1, int.MaxValue),
        WholeNumber("RateLimits:PublicIntakePerMinute", 1, int.MaxValue),
        WholeNumber("RateLimits:AccountPerMinute", 0, int.MaxValue),
        WholeNumber("Intake:MaxBodyBytes", 1024, long.MaxValue),
        Number("Intake:DuplicateRadiusMetres", 0, 100_000),
        Duration("Intake:DuplicateWindow"),
        Duration("Sla:ReminderPeriod"),
        Duration("Incidents:KeepIdleFor"),
        Duration("Auth:TokenLifetime"),
        Duration("Auth:InvitationLifetime"),
        // HMAC-SHA256 wants a key of 256 bits; a shorter one would only fail at the first sign-in.
        new("Auth:SigningKey", "base64 of at least 32 bytes (e.g. the output of `openssl rand -base64 32`)",
            v => Convert.TryFromBase64String(v, new byte[v.Length], out var n) && n >= 32, Secret: true),
        WholeNumber("Jobs:Workers", 1, 64),
        WholeNumber("Orleans:SiloPort", 1, 65535),
        WholeNumber("Orleans:GatewayPort", 1, 65535),
        Switch("Samples:LoadOnFirstStart"),
        Switch("Logs:Json"),
        Number("Shutdown:TimeoutSeconds", 1, 3600),
        Number("Shutdown:ReadyDrainSeconds", 0, 600),
        WholeNumber("Telemetry:OpenCasesRefreshSeconds", 0, 86400),
        Switch("Telemetry:Tracing"),
        Switch("OrleansDashboard:Enabled"),
    ];

    /// <summary>Every list setting whose items must be IP addresses or networks (the proxies trusted for forwarded headers).</summary>
    private static readonly (string Section, string Expected, Func<string, bool> Accepts)[] Lists =
    [
        ("Http:KnownProxies", "an IP address such as 10.0.0.5", v => IPAddress.TryParse(v, out _)),
        ("Http:KnownNetworks", "a network such as 10.0.0.0/8", v => IPNetwork.TryParse(v, out _)),
    ];

    /// <summary>Stops the start when any setting is bad, naming each.</summary>
    public static void Check(IConfiguration configuration)
    {
        if (Problems(configuration) is { Count: > 0 } problems)
            throw new InvalidOperationException("Some settings are invalid: " + string.Join("; ", problems));
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var rule in Rules)
            if (configuration[rule.Key] is { Length: > 0 } value && !rule.Accepts(value.Trim()))
                problems.Add(rule.Secret ? $"{rule.Key} must be {rule.Expected}" : $"{rule.Key} must be {rule.Expected}, got \"{value}\"");
        foreach (var (section, expected, accepts) in Lists)
        {
            // A single value (Http__KnownProxies=10.0.0.5) is not a list to the binder and would trust nobody silently.
            if (configuration[section] is { Length: > 0 } single)
                problems.Add($"{section} must be a list ({section}:0, {section}:1, …), got the single value \"{single}\"");
            foreach (var item in configuration.GetSection(section).GetChildren())
                if (item.Value is { Length: > 0 } value && !accepts(value.Trim()))
                    problems.Add($"{item.Path} must be {expected}, got \"{value}\"");
        }
        return problems;
    }

    private static Rule WholeNumber(string key, long min, long max) =>
        new(key, max == long.MaxValue || max == int.MaxValue ? $"a whole number ≥ {min}" : $"a whole number from {min} to {max}",
            v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max);

    private static Rule Number(string key, double min, double max) =>
        new(key, $"a number from {min} to {max}",
            v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max);

    private static Rule Switch(string key) => new(key, "true or false", v => bool.TryParse(v, out _));

    private static Rule Duration(string key) =>
        new(key, "a duration above zero such as 00:05:00 (hh:mm:ss) or 1.00:00:00 (a day)",
            v => TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero);
}
