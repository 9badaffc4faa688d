using System.Text.Json;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Incidents;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CommandCenter.Intake;

/// <summary>Sensors and alert systems (e.g. a social-assistance medical-expense alert) report incidents over a signed webhook.</summary>
public static class WebhookEndpoints
{
    public sealed record Alert(string? Category, string? Priority, double? Lat, double? Lon, string? Description, string? ExternalId);

    public const string Channel = "sensor";
    public const int MaxExternalId = 200;

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/intake/webhooks/{source}", async (string source, HttpContext http, WebhookSignatures signatures, CategoryCatalogue catalogue,
            GridDirectory grids, IncidentIntake intake, IOptions<JsonOptions> json) =>
        {
            var body = IntakeBody.Of(http);
            if (signatures.Refusal(source, http.Request, body) is { } refusal)
                return Results.Problem(title: "The call is not signed as agreed.", detail: refusal, statusCode: StatusCodes.Status401Unauthorized);

            Alert? alert;
            try
            {
                alert = JsonSerializer.Deserialize<Alert>(body, json.Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                return Problems.Field(e.Path ?? "$", $"The body is not valid JSON for an alert: check the value at {e.Path ?? "$"}.");
            }

            var fields = new Fields();
            var category = alert?.Category is { } code ? catalogue.ForNewReport(code) : null;
            if (category is null) fields.Add("category", alert?.Category is null ? "Give a category code from /api/categories." : $"Unknown category \"{alert.Category}\".");
            var priority = alert?.Priority is null ? category?.DefaultPriority : PriorityWords.Parse(alert.Priority);
            if (priority is null && alert?.Priority is not null) fields.Add("priority", "priority must be one of urgent, high, normal, low.");
            if (string.IsNullOrWhiteSpace(alert?.Description)) fields.Add("description", "Describe the alert.");
            else if (alert.Description.Length > IncidentEndpoints.MaxDescription) fields.Add("description", $"At most {IncidentEndpoints.MaxDescription} characters.");
            if (alert?.Lat is not { } lat || !double.IsFinite(lat) || Math.Abs(lat) > 90) fields.Add("lat", "lat is required, from -90 to 90.");
            if (alert?.Lon is not { } lon || !double.IsFinite(lon) || Math.Abs(lon) > 180) fields.Add("lon", "lon is required, from -180 to 180.");
            if (alert?.ExternalId is { Length: > MaxExternalId }) fields.Add("externalId", $"At most {MaxExternalId} characters.");
            var (key, keyProblem) = IdempotencyKey.FromHeader(http.Request, $"webhook:{source.ToLowerInvariant()}", body);
            if (keyProblem is not null) fields.Add(IdempotencyKey.Header, keyProblem);
            if (fields.Any) return fields.Result();

            var index = await grids.Current();
            var placement = index is null ? null : IncidentDesk.Place(index, alert!.Lat!.Value, alert.Lon!.Value);
            if (placement is null) return Problems.Field("lat", $"The point ({alert!.Lat}, {alert.Lon}) is outside the city.");

            // Without a header, the sender's own id for the alert is the key: a resent alert finds its case.
            if (key is null && !string.IsNullOrWhiteSpace(alert!.ExternalId))
                key = IdempotencyKey.For($"webhook:{source.ToLowerInvariant()}", $"external:{alert.ExternalId}", http.Request, body, "externalId");

            var report = new IncidentReport(category!.Code, priority!.Value, alert!.Description!.Trim(), Channel, alert.Lat, alert.Lon);
            var outcome = await intake.Open(report, placement, new Actor($"sensor:{source.ToLowerInvariant()}", Channel), key,
                opened => IncidentEndpoints.Answer(opened, json.Value.SerializerOptions));
            return IntakeProblems.Of(outcome);
        })
        .AllowAnonymous()
        .WithMetadata(new CommandCenter.Access.GridScopeMark(CommandCenter.Access.ScopeEffect.NotScoped, "a signed sensor report: no account, so no scope"))
        .RequireRateLimiting(CommandCenter.Http.RateLimits.PublicIntake)
        .WithIntakeBody()
        .WithTags("Intake")
        .WithSummary("A sensor or alert system reports an incident: {category, priority?, lat, lon, description, externalId?}, signed with " +
                     "X-Timestamp (unix seconds) and X-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\"> under the source's secret. " +
                     "Unsigned, badly signed, stale (over 5 minutes) and replayed calls answer 401.");
    }
}
