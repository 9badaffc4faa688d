using CommandCenter.Access;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using CommandCenter.Http;

namespace CommandCenter.Admin;

/// <summary>
/// The category catalogue for admins: add, edit, retire and restore. Each change is the whole catalogue checked again by
/// the catalogue's reader (the one place that says what a category may be) and by the policy in force (a category rule
/// must name a category), then saved as a new codebook revision.
/// </summary>
public static class CategoryAdminEndpoints
{
    public sealed record CategoryAdminView(string Code, string Kind, string MajorCode, string MajorName, string MinorCode, string Name,
        string Platform, string DefaultPriority, string HandlingLimit, bool Retired)
    {
        public static CategoryAdminView Of(Category c) => new(c.Code, c.Kind == CategoryKind.Component ? "部件" : "事件", c.MajorCode, c.MajorName,
            c.MinorCode, c.Name, c.Platform.ToString(), PriorityWords.Of(c.DefaultPriority), c.HandlingLimit.ToString(), c.Retired);
    }

    public sealed record CategoryRequest(string? Code, string? Kind, string? MajorCode, string? MajorName, string? MinorCode, string? Name,
        string? Platform, string? DefaultPriority, string? HandlingLimit);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapCategoryAdminEndpoints(this RouteGroupBuilder admin)
    {
        var categories = admin.MapGroup("/categories");

        categories.MapGet("/", async (CodebookDesk codebook, City.CityRules rules) =>
        {
            await codebook.Latest();
            return Results.Ok(rules.Catalogue.All.Select(CategoryAdminView.Of));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Every category, retired ones marked.");

        categories.MapPost("/", async (CategoryRequest? body, CodebookDesk codebook, City.CityRules rules, AuditLog audit, HttpContext http) =>
        {
            await codebook.Latest();
            var code = body?.Code?.Trim() ?? "";
            if (code.Length > 0 && rules.Catalogue.Find(code) is not null)
                return Problems.Field("code", $"A category {code} exists already; edit it instead.");
            return await Save(rules.Catalogue.All.Count, body, retired: false, null, "category.add", codebook, rules, audit, http, StatusCodes.Status201Created);
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Add a category: code (C for 部件 or E for 事件, then the two-digit major and minor codes), kind, names, platform, default priority, handling limit.");

        categories.MapPut("/{code}", async (string code, CategoryRequest? body, CodebookDesk codebook, City.CityRules rules, AuditLog audit, HttpContext http) =>
        {
            await codebook.Latest();
            if (rules.Catalogue.Find(code) is not { } existing) return Unknown(code);
            if (body?.Code is { } given && !string.Equals(given.Trim(), existing.Code, StringComparison.OrdinalIgnoreCase))
                return Problems.Field("code", $"A category's code cannot change ({existing.Code}); retire it and add a new one.");
            var at = rules.Catalogue.All.ToList().FindIndex(c => c.Code == existing.Code);
            return await Save(at, body! with { Code = existing.Code }, existing.Retired, existing, "category.update", codebook, rules, audit, http, StatusCodes.Status200OK);
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Edit a category (its code stays). Cases already open keep the deadlines they were given.");

        foreach (var (verb, retired) in new[] { ("retire", true), ("restore", false) })
        {
            categories.MapPost("/{code}/" + verb, async (string code, CodebookDesk codebook, City.CityRules rules, AuditLog audit, HttpContext http) =>
            {
                var basis = await codebook.Latest();
                if (rules.Catalogue.Find(code) is not { } existing) return Unknown(code);
                if (existing.Retired == retired) return Results.Ok(CategoryAdminView.Of(existing));
                var changed = existing with { Retired = retired };
                var saved = await codebook.Save(basis, http.User, null, rules.Catalogue.With(changed).ToJson(), null, "",
                    audit.Entry(http.User, "category." + verb, "category:" + existing.Code, CategoryAdminView.Of(existing), CategoryAdminView.Of(changed)));
                return saved is null ? CodebookDesk.Conflict() : Results.Ok(CategoryAdminView.Of(changed));
            })
            .NotGridScoped("admin only, and admins are never scoped")
            .WithSummary(retired ? "Retire a category: it takes no new reports (intake refuses it, Open311 no longer lists it); its cases go on."
                                 : "Restore a retired category: it takes new reports again.");
        }
    }

    /// <summary>Puts the request at <paramref name="at"/> in the catalogue's document, reads the whole again and saves it; the reader's problems for that entry become field errors.</summary>
    private static async Task<IResult> Save(int at, CategoryRequest? body, bool retired, Category? before, string action,
        CodebookDesk codebook, City.CityRules rules, AuditLog audit, HttpContext http, int status)
    {
        var basis = rules.Book;
        var document = JsonNode.Parse(rules.Catalogue.ToJson())!.AsArray();
        var entry = JsonSerializer.SerializeToNode(body ?? new CategoryRequest(null, null, null, null, null, null, null, null, null), Json)!.AsObject();
        if (retired) entry["retired"] = true;
        if (at < document.Count) document[at] = entry;
        else document.Add(entry);
        CategoryCatalogue catalogue;
        var fields = new Fields();
        try
        {
            catalogue = CategoryCatalogue.Parse(document.ToJsonString());
            SlaPolicy.Parse(basis.CurrentPolicy.Json, catalogue);
        }
        catch (CatalogueException e)
        {
            // "[54] (E0999).name: missing" → the field "name"; problems of other entries cannot come from this request.
            ProblemFields.Add(fields, e.Problems.Where(p => p.StartsWith($"[{at}]", StringComparison.Ordinal)),
                path => path[(path.LastIndexOf('.') + 1)..]);
            return fields.Any ? fields.Result() : Problems.Field("code", string.Join(" ", e.Problems));
        }
        catch (SlaPolicyException e)
        {
            return Problems.Field("code", "The SLA policy in force would not read with this catalogue: " + string.Join(" ", e.Problems));
        }
        var saved = catalogue.All[at];
        var result = await codebook.Save(basis, http.User, null, catalogue.ToJson(), null, "",
            audit.Entry(http.User, action, "category:" + saved.Code, before is null ? null : CategoryAdminView.Of(before), CategoryAdminView.Of(saved)));
        if (result is null) return CodebookDesk.Conflict();
        return status == StatusCodes.Status201Created
            ? Results.Created($"/api/admin/categories/{saved.Code}", CategoryAdminView.Of(saved))
            : Results.Ok(CategoryAdminView.Of(saved));
    }

    private static IResult Unknown(string code) => Results.Problem(title: "Unknown category",
        detail: $"No category has the code \"{code}\"; see GET /api/admin/categories.", statusCode: StatusCodes.Status404NotFound);
}
