using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Inspections;

namespace CommandCenter.Inspections;

/// <summary>One published check: the case, its category, its town, the day it was checked (city time) and whether it passed.</summary>
public sealed record PublicInspectionResult(string CaseNumber, string Category, string? CategoryName, string TownName, string CheckedOn, bool Passed);

/// <summary>A town's month: checks drawn, checked (a result recorded), passed, failed, and each result.</summary>
public sealed record PublicTownInspections(string TownId, string TownName, int Drawn, int Checked, int Passed, int Failed, IReadOnlyList<PublicInspectionResult> Results);

/// <summary>
/// 双随机一公开, the 公开: the month's checks per town, anonymous. Built only from the fields named here, so no inspector id,
/// name, phone, note, photo or position can reach it.
/// </summary>
public sealed record PublicInspectionFeed(string Month, string? Town, IReadOnlyList<PublicTownInspections> Towns)
{
    /// <param name="townId">One town (a level-1 grid), or null for every town of the city.</param>
    public static PublicInspectionFeed Of(string month, string? townId, IEnumerable<InspectionTask> tasks, GridHierarchy? hierarchy, CategoryCatalogue catalogue,
        TimeZoneInfo zone)
    {
        var towns = hierarchy is null ? [] : hierarchy.Nodes.Where(n => n.Level == 1 && (townId is null || n.Id == townId)).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var ofMonth = tasks.Where(t => t.Period == month && t.TownId is not null).ToLookup(t => t.TownId!);
        return new PublicInspectionFeed(month, townId, towns.Select(town =>
        {
            var drawn = ofMonth[town.Id].ToList();
            var results = drawn.Where(t => t.Result is not null)
                .Select(t => new PublicInspectionResult(t.IncidentId, t.Category ?? "", t.Category is null ? null : catalogue.Find(t.Category)?.Name, town.Name,
                    TimeZoneInfo.ConvertTime(t.Result!.RecordedAt, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.Result.Passed))
                .OrderBy(r => r.CheckedOn, StringComparer.Ordinal).ThenBy(r => r.CaseNumber, StringComparer.Ordinal).ToList();
            return new PublicTownInspections(town.Id, town.Name, drawn.Count, results.Count, results.Count(r => r.Passed), results.Count(r => !r.Passed), results);
        }).ToList());
    }
}
