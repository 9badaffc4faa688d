using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Incidents;

/// <summary>
/// 回访台, the return-visit desk: the verified incidents waiting for their visit (soonest due first) and the visits the
/// clock closed unanswered (latest first). What counts as waiting or unanswered, and the order, is <see cref="ReturnVisitDesk"/>'s.
/// </summary>
public static class ReturnVisitEndpoints
{
    /// <summary>
    /// A return visit to make or missed: the case, where, who to call, when it was verified and when its visit falls due, its light now,
    /// the calls nobody answered (<c>no-answer</c>) and, in the unanswered list, when the clock closed it (null in the waiting queue).
    /// </summary>
    public sealed record ReturnVisitView(string Id, string Category, string? CategoryName, string? GridId, IReadOnlyList<string> GridChain, string? Address,
        string Summary, string? CallerName, string? CallerPhone, string Channel, DateTimeOffset? VerifiedAt, DateTimeOffset? DueAt, string Light,
        int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? ClosedAt);

    public sealed record ReturnVisitQueue(IReadOnlyList<ReturnVisitView> Items);

    public static void MapReturnVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/return-visits").WithTags("Incidents").RequireAuthorization(Policies.Staff);

        visits.MapGet("/", async (string? scope, IIncidentLedger ledger, GridDirectory grids, CategoryCatalogue catalogue, TimeProvider clock,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(user, scope);
            if (scoped.Refused) return ScopeGate.Refusal(user, scoped);
            if (await UnknownGrid(grids, scoped.GridId) is { } unknown) return unknown;
            var now = clock.GetUtcNow();
            var found = await ledger.Query(ReturnVisitDesk.WaitingQuery(scoped.GridId, now));
            return Results.Ok(await Queue(ReturnVisitDesk.Waiting(found.Items), ledger, catalogue, now, closed: false));
        })
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none lists the account's subtree; a grid outside it is refused")
        .WithSummary("The return visits waiting (回访): every verified incident of the scope, the soonest due first, with the caller to call and the unanswered calls so far.");

        visits.MapGet("/unanswered", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, IIncidentLedger ledger, GridDirectory grids,
            CategoryCatalogue catalogue, TimeProvider clock, ClaimsPrincipal user, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(user, scope);
            if (scoped.Refused) return ScopeGate.Refusal(user, scoped);
            if (await UnknownGrid(grids, scoped.GridId) is { } unknown) return unknown;
            var now = clock.GetUtcNow();
            var until = to ?? now;
            var since = from ?? until - ReturnVisitDesk.DefaultWindow;
            if (since > until)
            {
                var fields = new Fields();
                fields.Add("from", "from must not be after to.");
                return fields.Result();
            }
            var found = await ledger.Query(ReturnVisitDesk.UnansweredQuery(scoped.GridId, since, until, now));
            return Results.Ok(await Queue(ReturnVisitDesk.Unanswered(found.Items, since, until), ledger, catalogue, now, closed: true));
        })
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none lists the account's subtree; a grid outside it is refused")
        .WithSummary("Return visits the clock closed unanswered in [from, to) (default the last 30 days), the latest first, with when each was closed.");
    }

    private static async Task<IResult?> UnknownGrid(GridDirectory grids, string? gridId)
    {
        if (gridId is null || (await grids.Current())?.Hierarchy.Find(gridId) is not null) return null;
        var fields = new Fields();
        fields.Add("scope", $"No grid has the id \"{gridId}\".");
        return fields.Result();
    }

    private static async Task<ReturnVisitQueue> Queue(IReadOnlyList<IncidentSummary> summaries, IIncidentLedger ledger, CategoryCatalogue catalogue,
        DateTimeOffset now, bool closed)
    {
        var reports = await ledger.ReportsOf(summaries.Select(s => s.Id).ToList());
        return new ReturnVisitQueue(summaries.Select(s =>
        {
            var report = reports.GetValueOrDefault(s.Id);
            return new ReturnVisitView(s.Id, s.Category, catalogue.Find(s.Category)?.Name, s.GridId, s.GridChain, report?.Address,
                IncidentListing.SummaryOf(report?.Description), report?.ReporterName, report?.ReporterPhone, s.Channel, s.VerifiedAt,
                closed ? s.VisitClosedAt : s.DueAt, SlaLightWords.Word(s.Light.At(now)), s.ReturnVisitAttempts, s.LastAttemptAt,
                closed ? s.VisitClosedAt : null);
        }).ToList());
    }
}
