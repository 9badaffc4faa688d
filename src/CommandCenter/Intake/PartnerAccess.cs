using System.Security.Cryptography;
using CommandCenter.Open311;
using CommandCenter.Storage;

namespace CommandCenter.Intake;

/// <summary>
/// Credentials of the outside channels that the center made itself because configuration named none:
/// the first Open311 api_key and the HMAC secret of each known webhook source (Intake:WebhookSources).
/// They are kept where the signing key is kept (owner-only files under the data directory, or Redis, or PostgreSQL),
/// so they are the same at every start and on every node, and they are never part of the repository.
/// </summary>
public sealed record PartnerAccess(IReadOnlyList<GeneratedAccess> Generated)
{
    /// <summary>Webhook sources that get a generated secret when none is configured (a city's sensor platform).</summary>
    public static readonly string[] DefaultWebhookSources = ["sensors"];

    /// <summary>
    /// Fills the gaps in configuration with generated credentials. Configured values always win; an empty
    /// configured value counts as none.
    /// </summary>
    public static PartnerAccess Fill(IConfigurationManager configuration, ISharedValues secrets)
    {
        var generated = new List<GeneratedAccess>();
        var values = new Dictionary<string, string?>();

        var keys = configuration.GetSection(Open311Options.Section).GetSection(nameof(Open311Options.ApiKeys)).GetChildren();
        if (!keys.Any(k => !string.IsNullOrEmpty(k.Value)))
        {
            var key = secrets.GetOrCreate("open311-key0", NewSecret);
            values[$"{Open311Options.Section}:{nameof(Open311Options.ApiKeys)}:0"] = key;
            generated.Add(new GeneratedAccess("open311", "key0", key));
        }

        var sources = configuration.GetSection("Intake:WebhookSources").Get<string[]>() is { Length: > 0 } named ? named : DefaultWebhookSources;
        foreach (var source in sources.Where(WebhookSignatures.IsSourceName).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrEmpty(configuration[$"Intake:Webhooks:{source}:Secret"])) continue;
            var secret = secrets.GetOrCreate($"webhook-{source.ToLowerInvariant()}", NewSecret);
            values[$"Intake:Webhooks:{source}:Secret"] = secret;
            generated.Add(new GeneratedAccess("webhook", source, secret));
        }

        if (values.Count > 0) configuration.AddInMemoryCollection(values);
        return new PartnerAccess(generated);
    }

    /// <summary>256 random bits, URL-safe so it can travel in a form field or a query string.</summary>
    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>One generated credential: the Open311 key "key0", or the secret of webhook source "sensors".</summary>
public sealed record GeneratedAccess(string Channel, string Name, string Value);
