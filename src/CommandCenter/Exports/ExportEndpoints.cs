using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grids;

namespace CommandCenter.Exports;

/// <summary>
/// The cases the desk's list shows (the same filters, <see cref="CaseExportQuery"/>), created in a window, in the account's grid
/// subtree, as they stand now: CSV and XLSX for spreadsheets, GeoJSON for maps. Every format streams: rows are written as the
/// ledger reads them, so a city's year never sits in memory, and none is cut short.
/// </summary>
public static class ExportEndpoints
{
    private const string Filters = "Filters as the case list (GET /api/incidents): grid (scope), state, overdue, q, phone, step, light, platform, category, " +
                                   "channel, open; from and to (required, at most 366 days) bound when the cases were reported. Newest first.";

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization(Policies.Staff)
            .GridScoped(ScopeEffect.NarrowsOrRefuses, "grid (scope): none exports the account's subtree; one outside it is refused");

        exports.MapGet("/incidents.csv", async ([AsParameters] CaseExportQuery filters, HttpContext http, ScopeGate gate, GridDirectory grids,
            CategoryCatalogue catalogue, IIncidentLedger ledger, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var (refusal, query) = await filters.Read(http.User, gate, grids, catalogue, now);
            if (refusal is not null) return refusal;
            var context = new CaseColumns.Context(now, catalogue);
            return Results.Stream(async body =>
            {
                await using var sheet = CsvSheet.Start(body, CaseColumns.Headers());
                await foreach (var row in CaseRows.Read(ledger, query!, http.RequestAborted))
                {
                    foreach (var column in CaseColumns.All)
                    {
                        var cell = column.Value(row, context);
                        switch (cell.Kind)
                        {
                            case CaseCell.Kinds.Number: sheet.Number(cell.Number); break;
                            case CaseCell.Kinds.Flag: sheet.Text(cell.Flag ? "true" : "false"); break;
                            case CaseCell.Kinds.Instant: sheet.Instant(cell.Instant); break;
                            default: sheet.Text(cell.Text); break;
                        }
                    }
                    await sheet.EndRow(http.RequestAborted);
                }
            }, "text/csv; charset=utf-8", "incidents.csv");
        })
        .WithSummary("The desk's cases as CSV, streamed. " + Filters + " Columns headed 中文 English; RFC 4180 quoting, UTF-8 with BOM so spreadsheets " +
                     "read the Chinese right, text that starts like a formula (= + - @, tab, CR) prefixed with ' so spreadsheets show it as text.");

        exports.MapGet("/incidents.xlsx", async ([AsParameters] CaseExportQuery filters, HttpContext http, ScopeGate gate, GridDirectory grids,
            CategoryCatalogue catalogue, IIncidentLedger ledger, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var (refusal, query) = await filters.Read(http.User, gate, grids, catalogue, now);
            if (refusal is not null) return refusal;
            var context = new CaseColumns.Context(now, catalogue);
            return Results.Stream(async body =>
            {
                await using var sheet = XlsxSheet.Start(body, "案件", CaseColumns.Headers());
                await foreach (var row in CaseRows.Read(ledger, query!, http.RequestAborted))
                {
                    sheet.Row();
                    foreach (var column in CaseColumns.All)
                    {
                        var cell = column.Value(row, context);
                        switch (cell.Kind)
                        {
                            case CaseCell.Kinds.Number: sheet.Number(cell.Number); break;
                            case CaseCell.Kinds.Flag: sheet.Text(cell.Flag ? "true" : "false"); break;
                            case CaseCell.Kinds.Instant: sheet.Text(cell.Instant?.ToString("O", CultureInfo.InvariantCulture)); break;
                            default: sheet.Text(cell.Text); break;
                        }
                    }
                    await sheet.EndRow(http.RequestAborted);
                }
            }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "incidents.xlsx");
        })
        .WithSummary("The desk's cases as an Excel workbook (XLSX), streamed: the CSV's columns, numbers as numbers, every other cell text; " +
                     "past Excel's 1,048,576 rows a sheet, the rows go on in a next sheet (案件 2, …). " + Filters);

        exports.MapGet("/incidents.geojson", async ([AsParameters] CaseExportQuery filters, HttpContext http, ScopeGate gate, GridDirectory grids,
            CategoryCatalogue catalogue, IIncidentLedger ledger, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var (refusal, query) = await filters.Read(http.User, gate, grids, catalogue, now);
            if (refusal is not null) return refusal;
            var context = new CaseColumns.Context(now, catalogue);
            return Results.Stream(async body =>
            {
                await using var json = new Utf8JsonWriter(body);
                json.WriteStartObject();
                json.WriteString("type", "FeatureCollection");
                json.WriteStartArray("features");
                await foreach (var row in CaseRows.Read(ledger, query!, http.RequestAborted))
                {
                    WriteFeature(json, row, context);
                    if (json.BytesPending >= 32 * 1024) await json.FlushAsync(http.RequestAborted);
                }
                json.WriteEndArray();
                json.WriteEndObject();
                await json.FlushAsync(http.RequestAborted);
            }, "application/geo+json", "incidents.geojson");
        })
        .WithSummary("The desk's cases as a GeoJSON FeatureCollection, streamed: a Point a case (null geometry without a position), " +
                     "its properties the CSV's columns by their English names. " + Filters);
    }

    private static void WriteFeature(Utf8JsonWriter json, CaseRow row, CaseColumns.Context context)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        if (row.Incident.Lat is { } lat && row.Incident.Lon is { } lon)
        {
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(lon);
            json.WriteNumberValue(lat);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNull("geometry");
        json.WriteStartObject("properties");
        foreach (var column in CaseColumns.All)
        {
            var cell = column.Value(row, context);
            switch (cell.Kind)
            {
                case CaseCell.Kinds.Number when cell.Number is { } n: json.WriteNumber(column.Key, n); break;
                case CaseCell.Kinds.Flag: json.WriteBoolean(column.Key, cell.Flag); break;
                case CaseCell.Kinds.Instant when cell.Instant is { } at: json.WriteString(column.Key, at); break;
                case CaseCell.Kinds.Text when cell.Text is { } text: json.WriteString(column.Key, text); break;
                default: json.WriteNull(column.Key); break;
            }
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
