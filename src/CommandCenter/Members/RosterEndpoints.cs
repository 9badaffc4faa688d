using CommandCenter.Access;
using CommandCenter.Grains.Members;
using CommandCenter.Http;

namespace CommandCenter.Members;

/// <summary>The roster for admins: a CSV or XLSX file previewed row by row, applied as one change, exported; one member edited.</summary>
public static class RosterEndpoints
{
    public sealed record RosterMember(string Id, string Name, string Role, string GridId, string Employment, string? Phone)
    {
        public static RosterMember Of(MemberProfile p) => new(p.Id, p.Name, p.Role.ToString(), p.GridId, p.Employment.ToString(), p.Phone);
    }

    public sealed record RosterChangeView(string Id, RosterMember Before, RosterMember After);

    public sealed record RosterBlockView(string Id, string Name, IReadOnlyList<string> OpenCases);

    public sealed record RosterProblemView(int Row, string Column, string Message);

    public sealed record RosterPlanView(int Rows, IReadOnlyList<RosterProblemView> Errors, IReadOnlyList<RosterMember> Added,
        IReadOnlyList<RosterChangeView> Changed, IReadOnlyList<RosterMember> Left, IReadOnlyList<RosterBlockView> Blocked, bool Applied)
    {
        public static RosterPlanView Of(RosterPlan p, bool applied) => new(p.Rows,
            p.Errors.Select(e => new RosterProblemView(e.Row, e.Column, e.Message)).ToList(),
            p.Added.Select(RosterMember.Of).ToList(),
            p.Changed.Select(c => new RosterChangeView(c.After.Id, RosterMember.Of(c.Before), RosterMember.Of(c.After))).ToList(),
            p.Left.Select(RosterMember.Of).ToList(),
            p.Blocked.Select(b => new RosterBlockView(b.MemberId, b.Name, b.OpenCases)).ToList(),
            applied);
    }

    public sealed record MemberEdit(string? Name, string? Role, string? GridId, string? Employment, string? Phone);

    public static void MapRosterEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/roster", async (RosterDesk roster) => Results.Ok((await roster.Current()).Select(RosterMember.Of)))
            .NotGridScoped("admin only, and admins are never scoped")
            .WithSummary("The roster now: every member with its role, home grid, employment and phone, as the roster file has them.");

        admin.MapPost("/roster/preview", async (HttpRequest request, RosterDesk roster) =>
        {
            if (await ReadFile(request) is not { } sheet) return FileProblem(request);
            if (sheet.Sheet is null) return Problems.Field("file", sheet.Problem!);
            var plan = await roster.Plan(sheet.Sheet.Header, sheet.Sheet.Rows);
            return Results.Ok(RosterPlanView.Of(plan, applied: false));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .DisableAntiforgery()
        .WithSummary("Check a roster file (multipart field file: .csv or .xlsx; the whole roster) without changing anything: every error by row and column, " +
                     "and who would be added, changed, leave, or is blocked by open work.");

        admin.MapPost("/roster/apply", async (HttpRequest request, RosterDesk roster, HttpContext http) =>
        {
            if (await ReadFile(request) is not { } sheet) return FileProblem(request);
            if (sheet.Sheet is null) return Problems.Field("file", sheet.Problem!);
            var plan = await roster.Plan(sheet.Sheet.Header, sheet.Sheet.Rows);
            if (!plan.MayApply)
                return Results.Json(RosterPlanView.Of(plan, applied: false), statusCode: StatusCodes.Status422UnprocessableEntity);
            await roster.Apply(plan, http.User);
            return Results.Ok(RosterPlanView.Of(plan, applied: true));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .DisableAntiforgery()
        .WithSummary("Apply a roster file as one change: new members (each with an invited account), role and grid changes, members who left " +
                     "(their accounts disabled). 422 with the plan, nothing applied, while it has errors or members blocked by open work (re-dispatch it first).");

        admin.MapGet("/roster/export", async (string? format, RosterDesk roster) =>
        {
            var members = await roster.Current();
            return (format ?? "csv").Trim().ToLowerInvariant() switch
            {
                "csv" => Results.File(RosterSheet.WriteCsv(members), "text/csv; charset=utf-8", "roster.csv"),
                "xlsx" => Results.File(RosterSheet.WriteXlsx(members), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "roster.xlsx"),
                _ => Problems.Field("format", "format must be csv or xlsx."),
            };
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("The roster now, in the import's columns (CSV with BOM or XLSX): what is exported imports back unchanged.");

        admin.MapPut("/members/{id}", async (string id, MemberEdit? body, RosterDesk roster, IGrainFactory grains, HttpContext http) =>
        {
            var all = await roster.Current();
            if (all.FirstOrDefault(m => m.Id == id) is not { } existing) return Problems.UnknownMember(id);
            // One member's edit is the roster with that row changed: the same rules, the same apply.
            var rows = all.Select((m, i) => new RosterRow(i + 2, m.Id == id ? Edited(existing, body) : Cells(m))).ToList();
            var plan = await roster.Plan(Header, rows, all);
            if (plan.Errors.Count > 0)
            {
                var fields = new Fields();
                foreach (var e in plan.Errors) fields.Add(FieldOf(e.Column), e.Message);
                return fields.Result();
            }
            if (!plan.MayApply)
                return Results.Problem(title: "Open work", statusCode: StatusCodes.Status409Conflict,
                    detail: $"{existing.Name} has open cases ({string.Join(", ", plan.Blocked.SelectMany(b => b.OpenCases))}); re-dispatch them before moving it to another grid.");
            await roster.Apply(plan, http.User);
            var now = await grains.GetGrain<IMemberGrain>(id).GetSnapshot();
            return Results.Ok(RosterMember.Of(now!.Profile));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Edit one member (name, role, home grid, employment, phone) by the roster's rules; its account follows its role and grid.");
    }

    private static readonly IReadOnlyList<string> Header = ["编号", "姓名", "角色", "网格", "用工", "电话"];

    private static Dictionary<string, string> Cells(MemberProfile m) => new()
    {
        ["编号"] = m.Id, ["姓名"] = m.Name, ["角色"] = m.Role.ToString(), ["网格"] = m.GridId, ["用工"] = m.Employment.ToString(), ["电话"] = m.Phone ?? "",
    };

    /// <summary>The edited member's row as the request wrote it (what it leaves out stays), for the roster's rules to read.</summary>
    private static Dictionary<string, string> Edited(MemberProfile m, MemberEdit? e)
    {
        var cells = Cells(m);
        if (e?.Name is { } name) cells["姓名"] = name;
        if (e?.Role is { } role) cells["角色"] = role;
        if (e?.GridId is { } grid) cells["网格"] = grid;
        if (e?.Employment is { } employment) cells["用工"] = employment;
        if (e is not null) cells["电话"] = e.Phone ?? "";
        return cells;
    }

    private static string FieldOf(string column) => column switch
    {
        "姓名" => "name", "角色" => "role", "网格" => "gridId", "用工" => "employment", "电话" => "phone", _ => column,
    };

    private sealed record UploadedSheet(RosterSheet.Sheet? Sheet, string? Problem);

    private static async Task<UploadedSheet?> ReadFile(HttpRequest request)
    {
        if (!request.HasFormContentType) return null;
        var form = await request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { } file) return null;
        if (file.Length > RosterSheet.MaxFileBytes) return new UploadedSheet(null, $"The file is larger than {RosterSheet.MaxFileBytes / 1024 / 1024} MB, the most a roster file may be.");
        try
        {
            await using var stream = file.OpenReadStream();
            return new UploadedSheet(RosterSheet.Read(stream, file.FileName), null);
        }
        catch (InvalidDataException e)
        {
            return new UploadedSheet(null, e.Message);
        }
    }

    private static IResult FileProblem(HttpRequest request) => Problems.Field("file",
        request.HasFormContentType ? "Attach the roster as the form field \"file\" (.csv or .xlsx)." : "Send the roster as multipart/form-data with the field \"file\" (.csv or .xlsx).");
}
