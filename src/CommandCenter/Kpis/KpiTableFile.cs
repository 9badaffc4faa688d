using CommandCenter.Exports;
using CommandCenter.Grains.Kpis;

namespace CommandCenter.Kpis;

/// <summary>
/// A KPI table as a file, the same columns in XLSX and CSV: rank, grid or member, name, composite, grade, (the period
/// before,) then every indicator by its Chinese and API name (<see cref="KpiNames"/>; rates 0–1). Rankings are short
/// (a row per grid or member), written straight to the response.
/// </summary>
public static class KpiTableFile
{
    public sealed record Row(int? Rank, string Key, string Name, double? Composite, string? GradeName, double? Previous, KpiSet Kpis);

    public static bool IsFormat(string? format, out string kind)
    {
        kind = (format ?? "xlsx").Trim().ToLowerInvariant();
        return kind is "csv" or "xlsx";
    }

    public static async Task Write(HttpContext http, string kind, string fileName, string sheetName, string by, bool withPrevious, IEnumerable<Row> rows)
    {
        var columns = new List<string> { "名次 rank", by == "member" ? "成员 member" : "网格 grid", "名称 name", "综合指标值 composite", "等级 grade" };
        if (withPrevious) columns.Add("上期 previous");
        columns.AddRange(KpiNames.All.Select(n => $"{KpiNames.Of(n)!.Chinese} {n}"));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"kpis.{kind}\"; filename*=UTF-8''{Uri.EscapeDataString($"{fileName}.{kind}")}";
        if (kind == "csv")
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            await using var sheet = CsvSheet.Start(http.Response.Body, [.. columns]);
            foreach (var row in rows)
            {
                sheet.Number(row.Rank).Text(row.Key).Text(row.Name).Number(row.Composite).Text(row.GradeName);
                if (withPrevious) sheet.Number(row.Previous);
                foreach (var kpi in KpiNames.All) sheet.Number(KpiNames.FigureOf(row.Kpis, kpi));
                await sheet.EndRow(http.RequestAborted);
            }
        }
        else
        {
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            await using var sheet = XlsxSheet.Start(http.Response.Body, sheetName, [.. columns]);
            foreach (var row in rows)
            {
                sheet.Row().Number(row.Rank).Text(row.Key).Text(row.Name).Number(row.Composite).Text(row.GradeName);
                if (withPrevious) sheet.Number(row.Previous);
                foreach (var kpi in KpiNames.All) sheet.Number(KpiNames.FigureOf(row.Kpis, kpi));
                await sheet.EndRow(http.RequestAborted);
            }
        }
    }
}
