using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.City;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Admin;

/// <summary>The city's own settings (GET/PUT /api/admin/city) and the setup checklist a new city's admin follows.</summary>
public static class CityAdminEndpoints
{
    public sealed record CitySettingsView(string Name, string TimeZone, string CasePrefix, CalendarView Calendar);

    public sealed record CitySettingsRequest(string? Name, string? TimeZone, string? CasePrefix, CalendarView? Calendar);

    public sealed record SetupStep(string Step, bool Done, string Detail);

    public sealed record SetupView(IReadOnlyList<SetupStep> Steps);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapCityAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/setup", async (CityRules rules, CodebookDesk codebook, GridDirectory grids, IGrainFactory factory) =>
        {
            var book = await codebook.Latest();
            var index = await grids.Current();
            var accounts = await factory.GetGrain<Grains.Accounts.IAccountDirectoryGrain>("accounts").List();
            var members = accounts.Count(a => a.MemberId is not null);
            var staff = accounts.Count(a => a.MemberId is null && a.Username != "admin");
            var policy = book.CurrentPolicy;
            return Results.Ok(new SetupView([
                new("city", book.CityConfirmed, book.CityConfirmed ? $"{NameOf(rules, index)} · {rules.Policy.Calendar.TimeZone.Id} · {rules.City.CasePrefix}" : "城市名称、时区、案件编号前缀与工作日历待设置"),
                new("grids", index is not null, index is null ? "尚未导入网格" : $"{index.Hierarchy.Nodes.Count} 个网格"),
                new("roster", members > 0, $"{members} 名网格成员"),
                new("accounts", staff > 0, $"{staff} 个指挥中心账号"),
                new("categories", rules.Catalogue.Open.Any(), $"{rules.Catalogue.Open.Count()} 个在用事项分类"),
                new("policy", policy.Number > 1 || policy.SavedBy != "system" || book.CityConfirmed,
                    $"第 {policy.Number} 版 · {policy.Note}"),
            ]));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("The setup checklist of a new city, in the order the console leads: city, grids, roster, accounts, categories, policy.");

        admin.MapGet("/city", async (CityRules rules, CodebookDesk codebook, GridDirectory grids) =>
        {
            await codebook.Latest();
            return Results.Ok(View(rules, await grids.Current()));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("The city's settings: name, IANA time zone, case-number prefix and working calendar.");

        admin.MapPut("/city", async (CitySettingsRequest? body, CityRules rules, CodebookDesk codebook, GridDirectory grids, AuditLog audit, HttpContext http) =>
        {
            var basis = await codebook.Latest();
            var index = await grids.Current();
            var before = View(rules, index);
            var fields = new Fields();
            var name = body?.Name?.Trim();
            if (string.IsNullOrEmpty(name)) fields.Add("name", "Give the city's name, e.g. 江阴市.");
            if (body?.Calendar is null) fields.Add("calendar", "Give the working calendar: officeHours, workingDays, holidays, makeUpWorkdays.");
            if (string.IsNullOrWhiteSpace(body?.TimeZone)) fields.Add("timeZone", "Give an IANA time zone (tz database name) such as Europe/Paris.");
            CitySettings? city = null;
            try
            {
                city = CitySettings.Read(new CitySettings(body?.CasePrefix?.Trim() ?? "", name).ToJson(), "city");
            }
            catch (InvalidDataException e)
            {
                fields.Add(e.Message.Contains("casePrefix") ? "casePrefix" : "name", e.Message["city: ".Length..]);
            }
            if (fields.Any) return fields.Result();

            var calendar = JsonSerializer.SerializeToNode(body!.Calendar, Json)!;
            var policyJson = SlaPolicyDocument.WithCity(basis.CurrentPolicy.Json, body.TimeZone!.Trim(), calendar);
            try
            {
                SlaPolicy.Parse(policyJson, rules.Catalogue);
            }
            catch (SlaPolicyException e)
            {
                ProblemFields.Add(fields, e.Problems);
                return fields.Result();
            }
            var saved = await codebook.Save(basis, http.User, city!.ToJson(), null, policyJson, "城市设置：时区与工作日历",
                audit.Entry(http.User, "city.update", "city", before, new CitySettingsView(city.Name ?? "", body.TimeZone.Trim(), city.CasePrefix, body.Calendar!)));
            return saved is null ? CodebookDesk.Conflict() : Results.Ok(View(rules, index));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Save the city's settings. The time zone and calendar are the SLA policy's: a change to them saves a new policy version, " +
                     "which applies to deadlines started after it.");
    }

    private static string NameOf(CityRules rules, Grains.Geography.GridIndex? index) => rules.City.Name ?? index?.Hierarchy.Root.Name ?? "";

    private static CitySettingsView View(CityRules rules, Grains.Geography.GridIndex? index) =>
        new(NameOf(rules, index), rules.Policy.Calendar.TimeZone.Id, rules.City.CasePrefix, CalendarView.Of(rules.Policy.Calendar));
}
