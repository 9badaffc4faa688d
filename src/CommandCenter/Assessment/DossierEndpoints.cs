using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Dossiers;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Patrol;

namespace CommandCenter.Assessment;

public static class DossierEndpoints
{
    /// <param name="Patrol">A member's patrol (巡查里程, 巡查时长) in each assessed month, from its track; null for a grid.</param>
    public sealed record DossierView(string Kind, string Id, IReadOnlyList<DossierEntry> Entries, IReadOnlyList<PatrolMonthView>? Patrol = null);

    /// <param name="TracksComplete">false when part of the month lies before the oldest fix still kept (Patrol:TrackRetentionDays): the figures then cover only the kept part.</param>
    public sealed record PatrolMonthView(string Period, double DistanceMetres, long PatrolSeconds, int DaysOnPatrol, bool TracksComplete);

    public static void MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/dossiers").WithTags("Assessment").RequireAuthorization(Policies.Supervision);

        dossiers.MapGet("/members/{id}", async (string id, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate, TrackRetention retention, TimeProvider clock) =>
            {
                if (await gate.Member(user, id) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
                var entries = await grains.GetGrain<IDossierGrain>(DossierGrain.MemberKey(id)).Entries();
                var keptSince = retention.KeptSince(clock.GetUtcNow());
                var patrol = new List<PatrolMonthView>();
                foreach (var entry in entries)
                {
                    if (!MonthlyAssessment.TryPeriod(entry.Period, out var first) || entry.To <= keptSince) continue;
                    var days = await grains.GetGrain<IMemberGrain>(id).GetPatrol(first, first.AddMonths(1).AddDays(-1));
                    if (days is null) break;
                    var (metres, time, onPatrol) = PatrolDayTotals.Total(days);
                    patrol.Add(new PatrolMonthView(entry.Period, Math.Round(metres, 1), (long)Math.Round(time.TotalSeconds), onPatrol, entry.From >= keptSince));
                }
                return Results.Ok(new DossierView("member", id, entries, patrol));
            })
            .GridScoped(ScopeEffect.Refuses, "the member by its home grid")
            .WithSummary("A member's dossier (考核入档): one entry per assessed month with its score and KPIs, and its patrol distance and time in each " +
                         "of those months whose fixes are still kept.");

        dossiers.MapGet("/grids/{id}", async (string id, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate) =>
                await gate.Subtree(user, id) is { Refused: true } refused ? ScopeGate.Refusal(user, refused)
                    : Results.Ok(new DossierView("grid", id, await grains.GetGrain<IDossierGrain>(DossierGrain.GridKey(id)).Entries())))
            .GridScoped(ScopeEffect.Refuses, "the grid: one outside the account's subtree is refused")
            .WithSummary("A grid's dossier (its whole subtree): one entry per assessed month with its score and KPIs.");
    }
}
