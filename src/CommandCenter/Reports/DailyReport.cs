using CommandCenter.Grains.Setup;
using System.Globalization;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Replay;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Kpis;
using CommandCenter.Replay;
using CommandCenter.Storage;
using CommandCenter.Storage.Files;

namespace CommandCenter.Reports;

/// <summary>
/// The daily report: for each level-1 grid (town or street), the day's KPIs, counters and every incident
/// that moved that day as it stood at the end of the day, as <c>yyyy-MM-dd/{grid}.json</c> and <c>{grid}.csv</c> in
/// the file store's reports area (reports/ of the data directory on one node; the shared store in a cluster, so every
/// node serves every report). The day is the city's local day. Run for today, it reports the day so far.
/// </summary>
public sealed class DailyReport(KpiDesk kpis, GridDirectory grids, ICityRules rules, IFileStore store, TimeProvider clock)
{
    private SlaPolicy policy => rules.Policy;

    public sealed record Counters(int Moved, int Reported, int Closed, int OpenAtEnd, int OverdueAtEnd);
    public sealed record GridReport(string GridId, string Name, DateOnly Date, DateTimeOffset From, DateTimeOffset To, Counters Counters, KpiSet Kpis, IReadOnlyList<IncidentAt> Incidents);
    /// <param name="Location">Where the files are read through the API (never the server's folder).</param>
    public sealed record Result(DateOnly Date, string Location, IReadOnlyList<string> Files);

    /// <summary>The names of one day's files, in name order (none when the day has no report).</summary>
    public async Task<IReadOnlyList<string>> Files(DateOnly day, CancellationToken cancellationToken = default) =>
        (await store.List(FileAreas.Reports, Folder(day) + "/", cancellationToken)).Select(f => f.Name[(Folder(day).Length + 1)..]).ToList();

    /// <summary>One file of a day's report to read, or null when there is none (the name is checked by the caller).</summary>
    public Task<Stream?> Open(DateOnly day, string file, CancellationToken cancellationToken = default) =>
        store.OpenRead(FileAreas.Reports, $"{Folder(day)}/{file}", cancellationToken);

    private static string Folder(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone).DateTime);

    public async Task<Result> Write(DateOnly day, CancellationToken cancellationToken = default)
    {
        var index = await grids.Current() ?? throw new InvalidOperationException("No grid hierarchy is loaded.");
        var (from, to) = LocalDay(day, policy.Calendar.TimeZone);
        var end = clock.GetUtcNow() < to ? clock.GetUtcNow() : to;
        var logs = await kpis.LogsActiveIn(from, to, cancellationToken);
        var observations = kpis.Observe(logs);
        var folder = Folder(day);
        var files = new List<string>();
        foreach (var town in index.Hierarchy.ChildrenOf(index.Hierarchy.Root.Id))
        {
            var states = logs.Select(log => IncidentHistory.StateAt(log, end))
                .OfType<IncidentState>()
                .Where(s => s.Placement?.Chain.Contains(town.Id) ?? false)
                .ToList();
            var rows = states.Select(s => IncidentAt.Of(s, policy, end)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            var counters = new Counters(
                rows.Count,
                states.Count(s => s.CreatedAt >= from),
                logs.Count(log => log.Any(e => e.Action == IncidentAction.Evaluate && e.At >= from && e.At < to)
                                  && IncidentHistory.StateAt(log, end)?.Placement?.Chain.Contains(town.Id) == true),
                states.Count(s => s.IsOpen),
                states.Count(s => SlaLightRule.IsOverdueAt(s, end)));
            var report = new GridReport(town.Id, town.Name, day, from, to, counters, KpiReport.Of(observations, town.Id, from, to, KpiGrouping.Grid).Total, rows);
            await store.Write(FileAreas.Reports, $"{folder}/{town.Id}.json", JsonSerializer.SerializeToUtf8Bytes(report, Json), cancellationToken);
            await store.Write(FileAreas.Reports, $"{folder}/{town.Id}.csv", await Csv(rows, cancellationToken), cancellationToken);
            files.Add($"{town.Id}.json");
            files.Add($"{town.Id}.csv");
        }
        return new Result(day, $"/api/reports/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", files);
    }

    /// <summary>The local day as a UTC window [midnight, next midnight).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) LocalDay(DateOnly day, TimeZoneInfo zone)
    {
        DateTimeOffset Midnight(DateOnly d)
        {
            var local = d.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        return (Midnight(day), Midnight(day.AddDays(1)));
    }

    private static readonly JsonSerializerOptions Json = new(LedgerJson.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task<byte[]> Csv(IEnumerable<IncidentAt> rows, CancellationToken cancellationToken)
    {
        using var file = new MemoryStream();
        await WriteCsv(file, rows, cancellationToken);
        return file.ToArray();
    }

    private static async Task WriteCsv(Stream file, IEnumerable<IncidentAt> rows, CancellationToken cancellationToken)
    {
        await using var sheet = Exports.CsvSheet.Start(file,
            "id", "state", "step", "category", "priority", "channel", "grid", "assignee", "light", "escalation", "lat", "lon", "created_at", "updated_at");
        foreach (var r in rows)
        {
            sheet.Text(r.Id).Text(r.State).Number(r.Step).Text(r.Category).Text(r.Priority).Text(r.Channel).Text(r.GridId).Text(r.AssigneeId)
                .Text(r.Light).Text(r.Escalation).Number(r.Lat).Number(r.Lon).Instant(r.CreatedAt).Instant(r.UpdatedAt);
            await sheet.EndRow(cancellationToken);
        }
    }
}
