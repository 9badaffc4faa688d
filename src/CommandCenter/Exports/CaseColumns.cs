using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Exports;

/// <summary>One exported case: its summary as it stands and the report it was opened with.</summary>
public readonly record struct CaseRow(IncidentSummary Incident, IncidentReport? Report);

/// <summary>One cell of an exported case: text, a number, a yes/no or an instant; each format writes each kind its own way.</summary>
public readonly record struct CaseCell(CaseCell.Kinds Kind, string? Text = null, double? Number = null, bool Flag = false, DateTimeOffset? Instant = null)
{
    public enum Kinds { Text, Number, Flag, Instant }

    public static CaseCell Of(string? text) => new(Kinds.Text, Text: text);
    public static CaseCell Of(double? number) => new(Kinds.Number, Number: number);
    public static CaseCell Of(bool flag) => new(Kinds.Flag, Flag: flag);
    public static CaseCell Of(DateTimeOffset? instant) => new(Kinds.Instant, Instant: instant);
}

/// <summary>
/// The columns of a case export, the same in CSV and XLSX (headed 中文 English) and as the GeoJSON points' properties
/// (by the English key), in the order the first exports had (case number first, the grid seventh). The light is the one rule's, as it stands at the export's instant.
/// </summary>
public sealed record CaseColumn(string Chinese, string Key, Func<CaseRow, CaseColumns.Context, CaseCell> Value)
{
    public string Header => $"{Chinese} {Key}";
}

public static class CaseColumns
{
    /// <summary>What a cell may need besides its case: the export's instant (for the light) and the catalogue (for the category's name).</summary>
    public sealed record Context(DateTimeOffset Now, CategoryCatalogue Catalogue);

    public static readonly IReadOnlyList<CaseColumn> All =
    [
        new("编号", "id", (r, _) => CaseCell.Of(r.Incident.Id)),
        new("状态", "state", (r, _) => CaseCell.Of(IncidentSteps.Word(r.Incident.Status))),
        new("环节", "step", (r, _) => CaseCell.Of(r.Incident.Step)),
        new("类别", "category", (r, _) => CaseCell.Of(r.Incident.Category)),
        new("优先级", "priority", (r, _) => CaseCell.Of(PriorityWords.Of(r.Incident.Priority))),
        new("渠道", "channel", (r, _) => CaseCell.Of(r.Incident.Channel)),
        new("网格", "gridId", (r, _) => CaseCell.Of(r.Incident.GridId)),
        new("处置人", "assigneeId", (r, _) => CaseCell.Of(r.Incident.AssigneeId)),
        new("纬度", "lat", (r, _) => CaseCell.Of(r.Incident.Lat)),
        new("经度", "lon", (r, _) => CaseCell.Of(r.Incident.Lon)),
        new("上报时间", "createdAt", (r, _) => CaseCell.Of(r.Incident.CreatedAt)),
        new("更新时间", "updatedAt", (r, _) => CaseCell.Of(r.Incident.UpdatedAt)),
        new("计时环节", "activeStep", (r, _) => CaseCell.Of(r.Incident.ActiveStep?.ToString().ToLowerInvariant())),
        new("截止时间", "dueAt", (r, _) => CaseCell.Of(r.Incident.DueAt)),
        new("已超时", "breached", (r, _) => CaseCell.Of(r.Incident.Breached)),
        new("督办层级", "escalation", (r, _) => CaseCell.Of(r.Incident.Rung.ToString())),
        new("灯", "light", (r, c) => CaseCell.Of(SlaLightWords.Word(r.Incident.Light.At(c.Now)))),
        new("类别名称", "categoryName", (r, c) => CaseCell.Of(c.Catalogue.Find(r.Incident.Category)?.Name)),
        new("地址", "address", (r, _) => CaseCell.Of(r.Report?.Address)),
        new("描述", "description", (r, _) => CaseCell.Of(r.Report?.Description)),
    ];

    public static string[] Headers() => All.Select(c => c.Header).ToArray();
}
