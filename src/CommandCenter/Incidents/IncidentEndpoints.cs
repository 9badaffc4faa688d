using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Intake;
using CommandCenter.Grains.Intake;
using System.Text.Json;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CommandCenter.Incidents;

public static class IncidentEndpoints
{
    /// <summary>A report from the worker app or a hotline operator; the caller's name and phone come with hotline calls.</summary>
    public sealed record NewIncident(string? Category, string? Priority, double? Lat, double? Lon, string? Description, string? Channel, string? Address,
        string? CallerName = null, string? CallerPhone = null, IReadOnlyList<string?>? Photos = null, string? SameAs = null);
    /// <summary>What a report at a point would join: the duplicate rule's radius and the open incidents within it, nearest first.</summary>
    public sealed record NearbyAnswer(double RadiusMetres, IReadOnlyList<NearbyIncidentView> Incidents);
    public sealed record NearbyIncidentView(string Id, string State, string Category, string? GridId, DateTimeOffset CreatedAt, double DistanceMetres, string? Description);

    public sealed record Created(string Id, string State, int Step)
    {
        /// <summary>Set when the report duplicated an open incident: the reporter gets that case number.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? DuplicateOf { get; init; }
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? LinkId { get; init; }
    }
    public sealed record IncidentList(IReadOnlyList<IncidentSummaryView> Items, int Total, int Page, int PageSize);
    /// <summary>
    /// One case of a list: where it stands and its light now, with what the desk reads at a glance from its report: the category's name,
    /// the address, the first <see cref="IncidentListing.SummaryLength"/> characters of the description and (staff only) the caller.
    /// </summary>
    public sealed record IncidentSummaryView(string Id, string State, int Step, string Category, string Priority, string? GridId, string? AssigneeId,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ActiveStep, DateTimeOffset? DueAt, bool Breached, string Escalation, string Light,
        string? CategoryName, string? Address, string Summary, string? CallerName, string? CallerPhone);

    public static readonly IReadOnlyList<string> Channels = ["worker-app", "hotline", "open311", "patrol", "sensor"];
    public const int MaxDescription = 2_000;

    public static void MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", (CategoryCatalogue catalogue) => Results.Ok(catalogue.All.Select(CategoryView.Of)))
            .NotGridScoped("the category catalogue is the same for every grid")
            .WithTags("Incidents").WithSummary("The category catalogue: code, name, kind 部件/事件, platform, default priority, handling limit.");

        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");

        incidents.MapPost("/", async (NewIncident? body, ClaimsPrincipal user, CategoryCatalogue catalogue, GridDirectory grids, IncidentIntake intake,
            HttpContext http, IOptions<JsonOptions> json, ScopeGate gate, IGrainFactory factory) =>
        {
            if (!Roles.MayReport(user.FindFirst(Claims.Role)?.Value ?? ""))
                return Results.Problem(title: "Forbidden", detail: "Operators and workers report incidents.", statusCode: 403);
            var fields = new Fields();
            var category = body?.Category is { } code ? catalogue.ForNewReport(code) : null;
            if (category is null) fields.Add("category", body?.Category is null ? "Give a category code from /api/categories."
                : catalogue.Find(body.Category) is not null ? $"Category \"{body.Category}\" is retired and takes no new reports; see /api/categories."
                : $"Unknown category \"{body.Category}\"; see /api/categories.");
            var priority = body?.Priority is null ? category?.DefaultPriority : PriorityWords.Parse(body.Priority);
            if (priority is null && body?.Priority is not null) fields.Add("priority", "priority must be one of urgent, high, normal, low.");
            if (string.IsNullOrWhiteSpace(body?.Description)) fields.Add("description", "Describe what was seen.");
            else if (body.Description.Length > MaxDescription) fields.Add("description", $"At most {MaxDescription} characters.");
            var channel = body?.Channel ?? (user.IsMember() ? "worker-app" : "hotline");
            if (!Channels.Contains(channel)) fields.Add("channel", $"channel must be one of {string.Join(", ", Channels)}.");
            if ((body?.Lat is null) != (body?.Lon is null)) fields.Add(body?.Lat is null ? "lat" : "lon", "Give both lat and lon, or neither.");
            if (body?.Lat is { } la && (!double.IsFinite(la) || Math.Abs(la) > 90)) fields.Add("lat", "lat must be from -90 to 90.");
            if (body?.Lon is { } lo && (!double.IsFinite(lo) || Math.Abs(lo) > 180)) fields.Add("lon", "lon must be from -180 to 180.");
            CheckCaller(body, fields);
            var (key, keyProblem) = IdempotencyKey.FromHeader(http.Request, $"user:{user.Identity?.Name}", IntakeBody.Of(http));
            if (keyProblem is not null) fields.Add(IdempotencyKey.Header, keyProblem);
            if (fields.Any) return fields.Result();

            GridPlacement? placement = null;
            if (body!.Lat is { } lat && body.Lon is { } lon)
            {
                var index = await grids.Current();
                placement = index is null ? null : IncidentDesk.Place(index, lat, lon);
                if (placement is null) return Problems.Field("lat", $"The point ({lat}, {lon}) is outside the city: report it to the right authority or correct the position.");
            }
            if (await gate.Placement(user, placement) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            // "This is the same case": the duplicate rule says which case a report may join; the scope rule, whether this account sees it
            // (a case it may not see is answered as one that does not exist, so nothing of it leaks).
            if (body.SameAs is { } sameAs)
            {
                var named = await factory.GetGrain<IIncidentGrain>(sameAs.Trim()).GetState();
                if (named is not null && gate.Incident(user, named).Refused) named = null;
                if (DuplicateRule.SameAsProblem(sameAs.Trim(), named, category!.Code) is { } problem) return Problems.Field("sameAs", problem);
            }
            var report = new IncidentReport(category!.Code, priority!.Value, body.Description!.Trim(), channel, body.Lat, body.Lon, Trimmed(body.Address),
                Trimmed(body.CallerName), Trimmed(body.CallerPhone), body.Photos is { Count: > 0 } photos ? photos.Select(p => p!.Trim()).ToList() : null);
            var outcome = await intake.Open(report, placement, ActorOf(user), key, opened => Answer(opened, json.Value.SerializerOptions), body.SameAs?.Trim());
            return IntakeProblems.Of(outcome);
        })
        .WithIntakeBody()
        .GridScoped(ScopeEffect.Refuses, "the report's position: a scoped account reports only at points inside its subtree")
        .WithSummary("Report an incident (worker app, hotline): category, priority, lat/lon, description, address, callerName, callerPhone, photos, " +
                     "sameAs (an open case of the category this report is the same as: linked to it). " +
                     "With a position inside the city it is located to its grid at once (step 2). An Idempotency-Key header makes a retry return the same case.");

        incidents.MapGet("/", async (string? grid, string? state, bool? overdue, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
            string? q, string? phone, string? step, string? light, string? platform, string? category, string? channel, string? open,
            IIncidentLedger ledger, GridDirectory grids, CategoryCatalogue catalogue, TimeProvider clock, ClaimsPrincipal user, ScopeGate gate) =>
        {
            // An account scoped to a grid lists within it: by default its whole scope, never beyond.
            var scoped = await gate.Subtree(user, grid);
            if (scoped.Refused) return ScopeGate.Refusal(user, scoped);
            grid = scoped.GridId;
            var fields = new Fields();
            if (grid is not null && (await grids.Current())?.Hierarchy.Find(grid) is null) fields.Add("grid", $"No grid has the id \"{grid}\".");
            var size = pageSize ?? 50;
            if (size is < 1 or > 500) fields.Add("pageSize", "pageSize must be from 1 to 500.");
            var number = page ?? 1;
            if (number < 1) fields.Add("page", "page starts at 1.");
            if (from > to) fields.Add("from", "from must not be after to.");
            if (fields.Any) return fields.Result();
            var query = new IncidentQuery(grid, null, overdue, from, to, clock.GetUtcNow(), (number - 1) * size, size);
            // The search filters, the exports' too: a value outside the allowed ones is named with them (400, as every bad query value).
            query = new IncidentSearchFilters(q, phone, step, light, platform, category, channel, open, state).Apply(query, catalogue, fields);
            if (fields.Any) return fields.Result();
            var result = await ledger.Query(query);
            var reports = await ledger.ReportsOf(result.Items.Select(s => s.Id).ToList());
            var staff = user.IsStaff();
            return Results.Ok(new IncidentList(
                result.Items.Select(s => View(s, query.Now, reports.GetValueOrDefault(s.Id), catalogue, staff)).ToList(), result.Total, number, size));
        })
        .RequireAuthorization(Policies.Staff)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "grid: none lists the account's subtree; a grid outside it is refused")
        .WithSummary("Incidents, newest first, filtered by grid subtree, state, overdue and creation window, and searched: q (a case number, or words of the " +
                     "address, description, caller name or phone), phone (the caller's, digits only), step, light, platform, category, channel, open; paged.");

        incidents.MapGet("/{id}", async (string id, ClaimsPrincipal user, CommandCenter.Grains.GrainReferences references, SlaPolicy policy, CategoryCatalogue catalogue, TimeProvider clock, ScopeGate gate) =>
        {
            var grain = references.Of<IIncidentGrain>(id);
            var incident = await grain.GetState();
            if (incident is null) return UnknownIncident(id);
            if (gate.Incident(user, incident) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
            var view = IncidentView.Of(incident, await grain.GetEvents(), policy, catalogue, clock.GetUtcNow(), ActorOf(user));
            return Results.Ok(user.IsStaff() ? view : view.WithoutCaller());
        })
        .GridScoped(ScopeEffect.Refuses, "the incident: staff by its grid, a worker by its own work")
        .WithSummary("One incident: state, step 1–9, deadlines with their SLA lights, assignee, the actions allowed now, and the timeline.");

        incidents.MapGet("/{id}/events", async (string id, ClaimsPrincipal user, IGrainFactory factory, ScopeGate gate) =>
        {
            var grain = factory.GetGrain<IIncidentGrain>(id);
            var incident = await grain.GetState();
            if (incident is null) return UnknownIncident(id);
            if (gate.Incident(user, incident) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
            var events = await grain.GetEvents();
            return Results.Json(user.IsStaff() ? events : events.Select(IncidentView.WithoutCaller).ToList(), CommandCenter.Storage.LedgerJson.Options);
        })
        .GridScoped(ScopeEffect.Refuses, "the incident: staff by its grid, a worker by its own work")
        .WithSummary("The incident's ledger: every event with who, when, from, to and its facts.");

        incidents.MapGet("/nearby", async (string? category, string? lat, string? lon, CategoryCatalogue catalogue, IncidentDesk desk, IIncidentLedger ledger,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            var fields = new Fields();
            if (category is null || catalogue.Find(category) is null) fields.Add("category", "Give a category code from /api/categories.");
            var latitude = fields.Coordinate("lat", lat, 90);
            var longitude = fields.Coordinate("lon", lon, 180);
            if (fields.Any) return fields.Result();
            var covers = await gate.Covers(user);
            var open = (await desk.OpenNear(category!, latitude, longitude)).Where(x => covers(x.Incident.GridId)).ToList();
            var reports = await ledger.ReportsOf(open.Select(x => x.Incident.Id).ToList());
            return Results.Ok(new NearbyAnswer(desk.DuplicateRadiusMetres, open.Select(x => new NearbyIncidentView(
                x.Incident.Id, IncidentSteps.Word(x.Incident.Status), x.Incident.Category, x.Incident.GridId, x.Incident.CreatedAt,
                Math.Round(x.Metres), reports.GetValueOrDefault(x.Incident.Id)?.Description)).ToList()));
        })
        .RequireAuthorization(Policies.Staff)
        .GridScoped(ScopeEffect.Narrows, "only open incidents in the account's subtree")
        .WithSummary("Open incidents of a category within the duplicate rule's radius of a point, nearest first: what a report there would join. For the call form, before submitting.");

        incidents.MapGet("/{id}/recommendations", async (string id, IGrainFactory factory, CommandCenter.Dispatch.Recommender recommender, ClaimsPrincipal user, ScopeGate gate) =>
        {
            var incident = await factory.GetGrain<IIncidentGrain>(id).GetState();
            if (incident is null) return UnknownIncident(id);
            if (gate.Incident(user, incident) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
            var ranking = await recommender.For(incident);
            if (ranking is null) return Results.Problem(title: "Not located", detail: "The incident has no grid yet: locate it first.", statusCode: 409,
                extensions: new Dictionary<string, object?> { ["currentState"] = IncidentSteps.Word(incident.Status) });
            // Only members the account may dispatch to are offered.
            var reachable = await gate.Covers(user);
            return Results.Ok(new
            {
                incidentId = id,
                candidates = ranking.Candidates.Where(c => reachable(c.Member.Profile.GridId)).Select(c => new
                {
                    memberId = c.Member.Profile.Id, name = c.Member.Profile.Name, role = c.Member.Profile.Role.ToString(), gridId = c.Member.Profile.GridId,
                    duty = CommandCenter.Members.DutyWords.Of(c.Member.Duty), distanceMetres = c.Metres is { } m ? Math.Round(m) : (double?)null,
                    openWorkload = c.OpenWorkload, score = c.Score, reasons = c.Reasons,
                }),
                excluded = ranking.Excluded.Where(e => reachable(e.Member.Profile.GridId)).Select(e => new { memberId = e.Member.Profile.Id, name = e.Member.Profile.Name, reason = e.Reason }),
            });
        })
        .RequireAuthorization(Policies.Staff)
        .GridScoped(ScopeEffect.Refuses, "the incident by its grid; candidates only from the account's subtree")
        .WithSummary("Ranked dispatch candidates: grid chain, role fit for the platform, duty, open workload, distance from a fresh position; each with the reasons for its score.");

        incidents.MapIncidentActions();
    }

    private static void CheckCaller(NewIncident? body, Fields fields)
    {
        if (body?.CallerName is { Length: > ReporterChecks.MaxName }) fields.Add("callerName", $"At most {ReporterChecks.MaxName} characters.");
        if (body?.CallerPhone is { } phone && !ReporterChecks.IsPhoneNumber(phone.Trim()))
            fields.Add("callerPhone", "A phone number: digits, spaces, dashes, brackets and a leading +, 3 to 30 characters.");
        if (body?.Address is { Length: > ReporterChecks.MaxAddress }) fields.Add("address", $"At most {ReporterChecks.MaxAddress} characters.");
        if (body?.Photos is not { } photos) return;
        if (photos.Count > ReporterChecks.MaxPhotos) fields.Add("photos", $"At most {ReporterChecks.MaxPhotos} photos, not {photos.Count}.");
        for (var i = 0; i < photos.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(photos[i])) fields.Add($"photos[{i}]", "A photo reference may not be empty.");
            else if (photos[i]!.Length > ReporterChecks.MaxPhotoReference) fields.Add($"photos[{i}]", $"At most {ReporterChecks.MaxPhotoReference} characters.");
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>201 with the new case, or 200 with the open case a duplicate report was linked to; kept as sent, for replays.</summary>
    public static IntakeAnswer Answer(Opened opened, JsonSerializerOptions json)
    {
        var created = new Created(opened.Id, IncidentSteps.Word(opened.Reached), IncidentSteps.StepOf(opened.Reached));
        return opened.Duplicate
            ? new IntakeAnswer(StatusCodes.Status200OK, "application/json", JsonSerializer.Serialize(created with { DuplicateOf = opened.Id, LinkId = opened.LinkId }, json))
            : new IntakeAnswer(StatusCodes.Status201Created, "application/json", JsonSerializer.Serialize(created, json), $"/api/incidents/{opened.Id}");
    }

    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "unknown", user.FindFirst(Claims.Role)?.Value ?? "", user.MemberIdOf());

    public static IResult UnknownIncident(string id) =>
        Results.Problem(title: "Unknown incident", detail: $"No incident has the case number \"{id}\".", statusCode: 404);

    public static IResult Refused(LifecycleRejection r)
    {
        var extensions = new Dictionary<string, object?> { ["currentState"] = r.CurrentState, ["allowedActions"] = r.AllowedNow };
        return r.Kind switch
        {
            RejectionKind.IllegalState => Results.Problem(title: "Not possible in the current state",
                detail: $"{r.Message} The incident is {r.CurrentState}; allowed now: {(r.AllowedNow.Count == 0 ? "nothing" : string.Join(", ", r.AllowedNow))}.",
                statusCode: 409, extensions: extensions),
            RejectionKind.Forbidden => Results.Problem(title: "Forbidden", detail: r.Message, statusCode: 403, extensions: extensions),
            RejectionKind.NotFound => Results.Problem(title: "Unknown incident", detail: r.Message, statusCode: 404),
            _ => Results.Problem(title: "The request has invalid fields.", detail: $"{r.Field}: {r.Message}", statusCode: 422,
                extensions: new Dictionary<string, object?>(extensions) { ["errors"] = new Dictionary<string, string[]> { [r.Field ?? "$"] = [r.Message] } }),
        };
    }

    // The light at the instant the list was asked for, the same instant its overdue filter used.
    public static IncidentSummaryView View(IncidentSummary s, DateTimeOffset now, IncidentReport? report, CategoryCatalogue catalogue, bool staff) => new(
        s.Id, IncidentSteps.Word(s.Status), s.Step, s.Category, PriorityWords.Of(s.Priority), s.GridId, s.AssigneeId, s.CreatedAt, s.UpdatedAt,
        s.ActiveStep?.ToString().ToLowerInvariant(), s.DueAt, s.Breached, s.Rung.ToString(), SlaLightWords.Word(s.Light.At(now)),
        catalogue.Find(s.Category)?.Name, report?.Address, IncidentListing.SummaryOf(report?.Description),
        staff ? report?.ReporterName : null, staff ? report?.ReporterPhone : null);
}
