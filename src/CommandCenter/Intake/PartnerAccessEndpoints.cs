using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Open311;
using Microsoft.Extensions.Options;

namespace CommandCenter.Intake;

/// <summary>
/// What an admin hands to the city's partners: which Open311 keys and webhook sources exist, and the value
/// of each one the center generated itself. A configured credential's value is not shown: whoever configured
/// it already has it, and an answer that repeats every secret would make one stolen admin token worth all of them.
/// </summary>
public static class PartnerAccessEndpoints
{
    public sealed record AccessView(string Channel, string Name, bool Generated, string? Value, string Use);

    public static void MapPartnerAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/intake/credentials", (PartnerAccess secrets, IOptionsMonitor<Open311Options> open311, IConfiguration configuration) =>
        {
            var generated = secrets.Generated.ToDictionary(g => (g.Channel, g.Name), g => g.Value);
            var keys = open311.CurrentValue.ApiKeys
                .Select((key, i) => (Name: $"key{i}", key))
                .Where(k => !string.IsNullOrEmpty(k.key))
                .Select(k => new AccessView("open311", k.Name, generated.ContainsKey(("open311", k.Name)), generated.GetValueOrDefault(("open311", k.Name)),
                    "api_key of POST /open311/v2/requests.json; the request is recorded as actor open311:" + k.Name));
            var sources = configuration.GetSection("Intake:Webhooks").GetChildren()
                .Where(s => !string.IsNullOrEmpty(s["Secret"]))
                .Select(s => new AccessView("webhook", s.Key, generated.ContainsKey(("webhook", s.Key)), generated.GetValueOrDefault(("webhook", s.Key)),
                    $"HMAC-SHA256 secret of POST /api/intake/webhooks/{s.Key}: X-Signature = sha256=hex(HMAC(secret, \"<X-Timestamp>.<body>\"))"));
            return Results.Ok(keys.Concat(sources).ToList());
        })
        .RequireAuthorization(Policies.Admin)
        .NotGridScoped("admin only, and admins are never scoped")
        .WithTags("Intake")
        .WithSummary("Admin: the Open311 keys and webhook sources, with the value of each credential the center generated at first start.");
    }
}
