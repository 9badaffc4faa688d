using System.Globalization;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Incidents;
using CommandCenter.Intake;

namespace CommandCenter.Open311;

/// <summary>An incident as a GeoReport v2 service request, with the spec's field names. Reporter details are never shown.</summary>
public sealed record Open311Request(
    string ServiceRequestId, string Status, string StatusNotes, string? ServiceName, string ServiceCode, string? Description,
    string? AgencyResponsible, string? ServiceNotice, string RequestedDatetime, string UpdatedDatetime, string? ExpectedDatetime,
    string? Address, string? AddressId, string? Zipcode, double? Lat, double? Long, string? MediaUrl)
{
    public static Open311Request Of(IncidentSummary s, IncidentReport? report, CategoryCatalogue catalogue, TimeZoneInfo zone)
    {
        var category = catalogue.Find(s.Category);
        var open = s.IsOpen;
        return new Open311Request(
            s.Id, open ? "open" : "closed", NotesOn(s.Status), category?.Name, s.Category, report?.Description,
            category is null ? null : PlatformWords.Chinese(category.Platform), category is null ? null : Notice(category),
            Time(s.CreatedAt, zone), Time(s.UpdatedAt, zone), open && s.DueAt is { } due ? Time(due, zone) : null,
            report?.Address, null, null, s.Lat, s.Lon, FirstWebPhoto(report));
    }

    public static string Notice(Category category) => $"由{PlatformWords.Chinese(category.Platform)}负责处理，处理进度见 status 与 expected_datetime。";

    /// <summary>The service_notice of a posted request: its case number, or the open case it was found to repeat.</summary>
    public static string Received(Opened opened, Category category) => opened.Duplicate
        ? $"同一问题已有案件 {opened.Id} 在办，本次上报已并入该案件。{Notice(category)}"
        : $"已受理，案件编号 {opened.Id}。{Notice(category)}";

    /// <summary>ISO 8601 with the city's offset, as the spec's examples write it: 2026-11-24T09:30:00 followed by the offset, e.g. -07:00.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>What open or closed means right now, in the words of the closed loop.</summary>
    public static string NotesOn(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "已受理，正在定位到网格。",
        IncidentStatus.Gridded => "已立案，等待派遣。",
        IncidentStatus.Dispatched => "已派遣网格员。",
        IncidentStatus.Handling => "正在处置。",
        IncidentStatus.Handled => "已处置，等待核查。",
        IncidentStatus.Verified => "已核查，等待回访。",
        IncidentStatus.Suspended => "暂缓处理（挂账）。",
        IncidentStatus.Cancelled => "不予立案。",
        IncidentStatus.Archived => "已办结并归档。",
        _ => "已办结。",
    };

    // Photo references of other channels may be internal ids; only a web address is a media_url.
    private static string? FirstWebPhoto(IncidentReport? report) =>
        report?.Photos?.FirstOrDefault(p => Uri.TryCreate(p, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}

/// <summary>The answer to a posted request: its id at once, since requests are taken synchronously.</summary>
public sealed record Open311Created(string ServiceRequestId, string? ServiceNotice, string? AccountId);

/// <summary>A token resolved to its request; a token is the case number itself.</summary>
public sealed record Open311Token(string ServiceRequestId, string Token);
