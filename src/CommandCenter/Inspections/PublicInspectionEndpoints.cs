using System.Reflection;
using CommandCenter.Access;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Inspections;
using CommandCenter.Grains.Sla;
using CommandCenter.Http;

namespace CommandCenter.Inspections;

/// <summary>
/// 一公开: the published results, for anyone without signing in: the anonymous JSON feed (rate-limited per address like the
/// public intake) and a small page that reads it, served from this assembly (its script is a file of its own: the pages'
/// Content-Security-Policy allows no inline script).
/// </summary>
public static class PublicInspectionEndpoints
{
    public const string PagePath = "/public/inspections";

    public static void MapPublicInspectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/inspections", async (string? town, string? month, IGrainFactory grains, ScopeGate gate, CategoryCatalogue catalogue,
                SlaPolicy policy, TimeProvider clock) =>
            {
                var fields = new Fields();
                var zone = policy.Calendar.TimeZone;
                var period = month?.Trim() ?? InspectionPeriod.Of(clock.GetUtcNow(), zone);
                if (!InspectionPeriod.TryParse(period, out _)) fields.Add("month", $"month must be a month written yyyy-MM, e.g. {InspectionPeriod.Of(clock.GetUtcNow(), zone)}.");
                var hierarchy = await gate.Hierarchy();
                var townId = string.IsNullOrWhiteSpace(town) ? null : town.Trim();
                if (townId is not null && hierarchy?.Find(townId) is not { Level: 1 })
                    fields.Add("town", "town must be the id of a town or street (a level-1 grid), as the answer without town lists them.");
                if (fields.Any) return fields.Result();
                var tasks = await grains.GetGrain<IInspectionBookGrain>(InspectionViews.Book).List();
                return Results.Ok(PublicInspectionFeed.Of(period, townId, tasks, hierarchy, catalogue, zone));
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicIntake)
            .NotGridScoped("public and anonymous: per town and month, counts and each result's case number, category, town, day and pass or fail; no person, note or photo")
            .WithTags("Inspections")
            .WithSummary("双随机一公开: the month's random checks per town (town = a level-1 grid id, default every town; month = yyyy-MM, default this month): " +
                         "drawn, checked, passed, failed, and each result (caseNumber, category, townName, checkedOn, passed). No sign-in; rate-limited per address.");

        app.MapGet(PagePath, () => Page("inspections.html", "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription()
            .NotGridScoped("a public page: no data of its own, it reads the public feed");
        app.MapGet(PagePath + ".js", () => Page("inspections.js", "text/javascript; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription()
            .NotGridScoped("the public page's script");
    }

    private static IResult Page(string file, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CommandCenter.Inspections.PublicPage.{file}")
            ?? throw new InvalidOperationException($"The public page's {file} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}
