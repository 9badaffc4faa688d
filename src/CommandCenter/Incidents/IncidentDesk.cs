using CommandCenter.Dispatch;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

/// <summary>What happened to a report at the desk: a new case, or a link to an open one it duplicates.</summary>
public sealed record Intake(string Id, ActionOutcome Outcome, bool Duplicate);

/// <summary>
/// The host's part of taking an incident in, shared by every channel: duplicate check, case number
/// in the city's time zone, grid placement from the index, and auto-dispatch by policy.
/// </summary>
public sealed class IncidentDesk(
    CommandCenter.Grains.GrainReferences grains, IIncidentLedger ledger, ICityRules rules, DuplicateRule duplicates,
    AutoDispatchPolicy autoDispatch, Recommender recommender, TimeProvider clock, ILogger<IncidentDesk> log)
{
    private SlaPolicy policy => rules.Policy;
    private CitySettings city => rules.City;

    /// <summary>The open incidents a report of the category at the point would join (the duplicate rule), nearest first.</summary>
    public async Task<IReadOnlyList<NearbyIncident>> OpenNear(string category, double lat, double lon)
    {
        var now = clock.GetUtcNow();
        return duplicates.Near(category, lat, lon, await ledger.OpenNear(category, lat, lon, duplicates.RadiusMetres, now - duplicates.WindowOrDefault), now);
    }

    /// <summary>How far the duplicate rule looks around a report.</summary>
    public double DuplicateRadiusMetres => duplicates.RadiusMetres;

    /// <param name="caseNumber">A case number reserved beforehand (by an Idempotency-Key); a fresh one when null.</param>
    /// <param name="sameAs">The open case the person taking the report named as the same ("this is the same case"): linked to it.</param>
    public async Task<Intake> Open(IncidentReport report, GridPlacement? placement, Actor actor, bool checkDuplicates = true, string? caseNumber = null,
        string? sameAs = null)
    {
        var taken = await Take(report, placement, actor, checkDuplicates, caseNumber, sameAs);
        // A member follows what became of its reports ("my reports"), the case it opened or the one it joined.
        if (taken.Outcome.Accepted && actor.MemberId is { } reporter)
            await grains.Of<IMemberGrain>(reporter).RecordReport(taken.Id);
        return taken;
    }

    private async Task<Intake> Take(IncidentReport report, GridPlacement? placement, Actor actor, bool checkDuplicates, string? caseNumber, string? sameAs)
    {
        if (checkDuplicates && sameAs is not null)
        {
            var linked = await grains.Of<IIncidentGrain>(sameAs).Link(report, actor);
            if (linked.Accepted) return new Intake(sameAs, linked, Duplicate: true);
            // Closed since it was named: the duplicate rule, then a case of its own.
        }
        if (checkDuplicates && report.Lat is { } lat && report.Lon is { } lon)
        {
            if ((await OpenNear(report.Category, lat, lon)).FirstOrDefault()?.Incident is { } original)
            {
                var linked = await grains.Of<IIncidentGrain>(original.Id).Link(report, actor);
                if (linked.Accepted) return new Intake(original.Id, linked, Duplicate: true);
                // Closed in the meantime: the report opens a case of its own.
            }
        }

        var id = caseNumber ?? await NextCaseNumber();
        var outcome = await grains.Of<IIncidentGrain>(id).Open(report, placement, actor);
        if (outcome.Accepted && placement is not null && actor.Role == Roles.Informant)
            await ToGridWorker(id, placement);
        else if (outcome.Accepted && placement is not null && autoDispatch.Applies(report.Category, report.Priority))
            await AutoDispatch(id);
        return new Intake(id, outcome, Duplicate: false);
    }

    /// <summary>A 信息员's report goes to its grid's 网格员 (InformantRouting); with nobody there it waits for the operators.</summary>
    private async Task ToGridWorker(string id, GridPlacement placement)
    {
        // The block's and its village's people: a block without a worker falls back to its village's.
        var team = await Teams.Of(grains.Factory, placement.Chain.Take(2));
        if (InformantRouting.WorkerFor(placement, team.Select(s => s.Profile)) is not { } worker)
        {
            log.LogInformation("{Incident} was reported by an informant but its grid has no worker: left for the operators", id);
            return;
        }
        await grains.Of<IIncidentGrain>(id).Act(new IncidentCommand(IncidentAction.Dispatch)
        {
            MemberId = worker, Note = "信息员上报，转本网格网格员 · An informant's report, sent to the grid's worker.",
        }, Actor.System);
    }

    public async Task<string> NextCaseNumber() => await grains.Of<ICaseNumberGrain>(CaseSeries()).Next();

    /// <summary>Today's series of case numbers in the city's time zone: the city's prefix and the local date, e.g. "XX-20261124".</summary>
    public string CaseSeries()
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone);
        return $"{city.CasePrefix}-{local:yyyyMMdd}";
    }

    private async Task AutoDispatch(string id)
    {
        var grain = grains.Of<IIncidentGrain>(id);
        var state = await grain.GetState();
        if (state is null || await recommender.For(state) is not { Candidates.Count: > 0 } ranking)
        {
            log.LogInformation("{Incident} matches the auto-dispatch policy but nobody fits: left for the operators", id);
            return;
        }
        var best = ranking.Candidates[0];
        await grain.Act(new IncidentCommand(IncidentAction.Dispatch)
        {
            MemberId = best.Member.Profile.Id,
            Note = $"Auto-dispatched by policy: score {best.Score} ({string.Join("; ", best.Reasons)})",
        }, Actor.System);
    }

    public static GridPlacement? Place(GridIndex index, double lat, double lon) =>
        index.Locate(lat, lon) is { } location ? Placement(location.Chain) : null;

    public static GridPlacement? Place(GridIndex index, string gridId) =>
        index.Hierarchy.Find(gridId) is null ? null : Placement(index.Hierarchy.ChainOf(gridId));

    // Urban or rural is the deepest grid's, as the grid import resolved it: verification limits differ.
    private static GridPlacement Placement(IReadOnlyList<GridNode> chain) =>
        new(chain[0].Id, chain.Select(n => n.Id).ToList(), chain[0].Area);
}
