using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Access;
using CommandCenter.City;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Kpis;

namespace CommandCenter.Admin;

/// <summary>
/// The SLA policy for admins: the version in force as a table, the versions before it, a draft's what-if on the last
/// month, and saving a draft as the next version. A version applies to deadlines started after it; a deadline already
/// running keeps the instants it was given (they are stored in the case, never recomputed).
/// </summary>
public static class PolicyAdminEndpoints
{
    public sealed record PolicyLimit(string? Step, string? Category, string? Priority, string? Area, string? Limit);

    public sealed record PolicyView(int Version, string SavedBy, DateTimeOffset SavedAt, string Note, double WarnFraction, string? ResendUnreadAfter,
        IReadOnlyList<PolicyLimit> Limits);

    public sealed record PolicyVersionView(int Version, string SavedBy, DateTimeOffset SavedAt, string Note);

    public sealed record PolicyDraft(double? WarnFraction, string? ResendUnreadAfter, IReadOnlyList<PolicyLimit>? Limits, string? Note,
        DateTimeOffset? From, DateTimeOffset? To, string? Scope);

    /// <summary>The what-if's window when the draft names none: the month before now.</summary>
    public static readonly TimeSpan WhatIfWindow = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapPolicyAdminEndpoints(this RouteGroupBuilder admin)
    {
        var policy = admin.MapGroup("/sla-policy");

        policy.MapGet("/versions", async (CodebookDesk codebook) =>
                Results.Ok((await codebook.Latest()).Policies.Reverse().Select(v => new PolicyVersionView(v.Number, v.SavedBy, v.SavedAt, v.Note))))
            .NotGridScoped("admin only, and admins are never scoped")
            .WithSummary("Every policy version, newest first: who saved it, when, and why.");

        policy.MapPost("/", async (PolicyDraft? body, CodebookDesk codebook, CityRules rules, AuditLog audit, HttpContext http) =>
        {
            var basis = await codebook.Latest();
            var (json, fields) = Compose(body, basis, rules.Catalogue);
            if (string.IsNullOrWhiteSpace(body?.Note)) fields.Add("note", "Say why the policy changes (it is listed with the version).");
            if (fields.Any) return fields.Result();
            var before = View(basis.CurrentPolicy);
            var saved = await codebook.Save(basis, http.User, null, null, json, body!.Note!.Trim(),
                audit.Entry(http.User, "policy.save", "policy", before, View(new PolicyVersion(before.Version + 1, json!, "", default, body.Note.Trim()))));
            if (saved is null) return CodebookDesk.Conflict();
            return Results.Created("/api/sla-policy", View(saved.CurrentPolicy));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Save a draft as the next policy version (checked whole: 400 naming each bad entry, e.g. limits[3].limit). " +
                     "It applies to deadlines started after it; running deadlines keep theirs.");

    }

    /// <summary>
    /// For supervisors and admins: the policy in force as the console's table (GET /api/sla-policy), and a draft's what-if
    /// (POST /api/kpis/what-if/draft) — the draft made a whole policy here, then the what-if API's own answer.
    /// </summary>
    public static void MapPolicyDraftEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sla-policy", async (CodebookDesk codebook) => Results.Ok(View((await codebook.Latest()).CurrentPolicy)))
            .RequireAuthorization(Auth.Policies.Supervision)
            .NotGridScoped("the city's one policy, the same for every grid")
            .WithTags("KPIs")
            .WithSummary("The SLA policy in force: its limits table (step, category, priority, area, limit), warning fraction and re-send period, its version.");

        app.MapPost("/api/kpis/what-if/draft", async (PolicyDraft? body, CodebookDesk codebook, CityRules rules, GridDirectory grids, KpiDesk kpis,
            TimeProvider clock, HttpContext http, ScopeGate gate) =>
        {
            // The scope first, as every scoped route: a town desk asking about another town hears why, whatever its draft.
            if (await gate.Subtree(http.User, body?.Scope) is { Refused: true } refused) return ScopeGate.Refusal(http.User, refused);
            var basis = await codebook.Latest();
            var (json, fields) = Compose(body, basis, rules.Catalogue);
            if (fields.Any) return fields.Result();
            var to = body!.To ?? clock.GetUtcNow();
            var request = new KpiEndpoints.WhatIfRequest(body.From ?? to - WhatIfWindow, to, body.Scope, null, JsonDocument.Parse(json!).RootElement.Clone());
            return await KpiEndpoints.WhatIf(request, grids, kpis, rules.Policy, rules.Catalogue, clock, http, gate);
        })
        .RequireAuthorization(Auth.Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("The what-if of a draft of the limits table (by default on the 30 days before now): the same answer as POST /api/kpis/what-if " +
                     "with the draft as a whole policy (the city's time zone and calendar kept). Nothing is saved.");
    }

    /// <summary>The draft as a whole policy document (the city's time zone and calendar kept), checked by the policy's reader.</summary>
    private static (string? Json, Fields Fields) Compose(PolicyDraft? body, CityCodebook basis, CategoryCatalogue catalogue)
    {
        var fields = new Fields();
        if (body?.Limits is not { Count: > 0 } limits)
        {
            fields.Add("limits", "Give the limits table: at least one limit for every step.");
            return (null, fields);
        }
        var current = SlaPolicyDocument.LimitsOf(basis.CurrentPolicy.Json);
        var table = JsonSerializer.SerializeToNode(limits, Json)!.AsArray();
        var json = SlaPolicyDocument.WithLimits(basis.CurrentPolicy.Json, body.WarnFraction ?? current.WarnFraction, body.ResendUnreadAfter, table);
        try
        {
            SlaPolicy.Parse(json, catalogue);
        }
        catch (SlaPolicyException e)
        {
            ProblemFields.Add(fields, e.Problems);
        }
        return (json, fields);
    }

    private static PolicyView View(PolicyVersion version)
    {
        var (warn, resend, limits) = SlaPolicyDocument.LimitsOf(version.Json);
        return new PolicyView(version.Number, version.SavedBy, version.SavedAt, version.Note, warn, resend,
            limits.Deserialize<List<PolicyLimit>>(Json) ?? []);
    }
}
