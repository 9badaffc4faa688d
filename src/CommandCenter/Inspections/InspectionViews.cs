using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;
using CommandCenter.Incidents;

namespace CommandCenter.Inspections;

/// <summary>An inspection task in a list (GET /api/inspections): who checks which case, where, by when, and what was found.</summary>
public sealed record InspectionSummaryView(
    string Id, string Period, string Day, string State, DateTimeOffset DrawnAt, DateTimeOffset? DueAt, string InspectorId, string InspectorName,
    string IncidentId, string? GridId, string? TownId, string? TownName, string? Category, string? CategoryName,
    bool? Passed, DateTimeOffset? RecordedAt, string? FollowUp, string? FollowUpIncidentId);

/// <summary>A grid of the case's chain, with its name: deepest first, ending at the city.</summary>
public sealed record InspectionGridView(string Id, string Name, int Level);

/// <summary>One step of the case's timeline as the inspector reads it: what was done, when, with its note and photos (no names of people).</summary>
public sealed record InspectionStepView(DateTimeOffset At, string Action, string From, string To, string? Note, IReadOnlyList<string> Photos);

/// <summary>The facts of the case to check: what, where (position, address, grids), its photos and what was done, without the caller.</summary>
public sealed record InspectionCaseView(
    string Id, string State, int Step, string Category, string? CategoryName, string Priority, string Description, string? Address,
    double? Lat, double? Lon, string? GridId, IReadOnlyList<InspectionGridView> Grids, IReadOnlyList<string> Photos,
    IReadOnlyList<InspectionStepView> Timeline, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? HandledAt);

/// <summary>The recorded result: photos as URLs to open; what a failure led to (rework or new-case) and the case it concerns.</summary>
public sealed record InspectionResultView(
    bool Passed, string? Note, IReadOnlyList<string> Photos, double? Lat, double? Lon, string RecordedBy, DateTimeOffset RecordedAt,
    string? FollowUp, string? FollowUpIncidentId, string? FollowUpProblem);

/// <summary>
/// One inspection task with everything a phone needs to do it (GET /api/inspections/{taskId}): the task, its due instant (the
/// end of its period), the case's facts and, once recorded, the result. <see cref="MayRecord"/>: the caller may record it now.
/// </summary>
public sealed record InspectionTaskView(
    string Id, string Period, string Day, string State, DateTimeOffset DrawnAt, DateTimeOffset? DueAt, string InspectorId, string InspectorName,
    string? TownId, string? TownName, InspectionCaseView Case, InspectionResultView? Result, bool MayRecord);

public static class InspectionViews
{
    /// <summary>The key of the city's one inspection book.</summary>
    public const string Book = "city";

    public static InspectionSummaryView Summary(InspectionTask t, GridHierarchy? hierarchy, CategoryCatalogue catalogue) => new(
        t.Id, t.Period ?? t.Day.ToString("yyyy-MM"), t.Day.ToString("yyyy-MM-dd"), t.State, t.DrawnAt, t.DueAt, t.InspectorId, t.InspectorName,
        t.IncidentId, t.GridId, t.TownId, NameOf(hierarchy, t.TownId), t.Category, t.Category is null ? null : catalogue.Find(t.Category)?.Name,
        t.Result?.Passed, t.Result?.RecordedAt, t.FollowUp?.Kind, t.FollowUp?.IncidentId);

    public static InspectionTaskView Of(InspectionTask t, IncidentState incident, IReadOnlyList<IncidentEvent> events, GridHierarchy? hierarchy,
        CategoryCatalogue catalogue, bool mayRecord)
    {
        var report = incident.Report!;
        var chain = incident.Placement?.Chain ?? [];
        var grids = chain.Select(id => hierarchy?.Find(id) is { } node ? new InspectionGridView(node.Id, node.Name, node.Level) : new InspectionGridView(id, id, -1)).ToList();
        var facts = new InspectionCaseView(
            incident.Id, IncidentSteps.Word(incident.Status), incident.Step, report.Category, catalogue.Find(report.Category)?.Name,
            PriorityWords.Of(report.Priority), report.Description, report.Address, report.Lat, report.Lon, incident.Placement?.GridId, grids,
            [.. report.Photos ?? [], .. incident.Photos.Select(p => $"/api/photos/{p}")],
            events.Select(e => new InspectionStepView(e.At, IncidentActionWords.Word(e.Action), IncidentSteps.Word(e.From), IncidentSteps.Word(e.To), e.Note,
                [.. e.Report?.Photos ?? [], .. (e.Photos ?? []).Select(p => $"/api/photos/{p}")])).ToList(),
            incident.CreatedAt, incident.UpdatedAt, events.LastOrDefault(e => e.To == IncidentStatus.Handled)?.At);
        var result = t.Result is { } r
            ? new InspectionResultView(r.Passed, r.Note, r.Photos.Select(p => $"/api/photos/{p}").ToList(), r.Lat, r.Lon, r.RecordedBy, r.RecordedAt,
                t.FollowUp?.Kind, t.FollowUp?.IncidentId, t.FollowUp?.Problem)
            : null;
        return new InspectionTaskView(t.Id, t.Period ?? t.Day.ToString("yyyy-MM"), t.Day.ToString("yyyy-MM-dd"), t.State, t.DrawnAt, t.DueAt,
            t.InspectorId, t.InspectorName, t.TownId, NameOf(hierarchy, t.TownId), facts, result, mayRecord && !t.IsRecorded);
    }

    private static string? NameOf(GridHierarchy? hierarchy, string? gridId) => gridId is null ? null : hierarchy?.Find(gridId)?.Name;
}
