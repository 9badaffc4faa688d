using System.Globalization;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Http;

namespace CommandCenter.Open311;

/// <summary>
/// The filters of GET requests.json|xml as the spec defines them: service_request_id (a comma list that
/// overrides every other filter), service_code (comma list), start_date and end_date (ISO 8601, at most
/// 90 days apart; the last 90 days by default) and status (open, closed or both). At most 1,000 results, newest first.
/// </summary>
public static class Open311Query
{
    public const int MaxResults = 1_000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>The ledger query, or null after adding to <paramref name="fields"/> what is wrong.</summary>
    public static IncidentQuery? Read(IQueryCollection query, CategoryCatalogue catalogue, IReadOnlyCollection<string> channels, DateTimeOffset now, Fields fields)
    {
        var all = new IncidentQuery(null, null, null, null, null, now, 0, MaxResults) { Channels = channels };
        if (List(query, "service_request_id") is { } ids)
        {
            if (ids.Count > MaxResults) fields.Add("service_request_id", $"At most {MaxResults} ids at once.");
            return fields.Any ? null : all with { Ids = ids };
        }

        List<string>? codes = null;
        if (List(query, "service_code") is { } given)
        {
            codes = [];
            foreach (var code in given)
            {
                if (catalogue.Find(code) is { } category) codes.Add(category.Code);
                else fields.Add("service_code", $"Unknown service_code \"{code}\"; see services.json.");
            }
        }

        var start = Date(query, "start_date", fields);
        var end = Date(query, "end_date", fields);
        (start, end) = (start, end) switch
        {
            (null, null) => (now - MaxWindow, now),
            ({ } s, null) => (s, s + MaxWindow),
            (null, { } e) => (e - MaxWindow, e),
            _ => (start, end),
        };
        if (start > end) fields.Add("start_date", "start_date must not be after end_date.");
        else if (end - start > MaxWindow) fields.Add("end_date", $"start_date and end_date may be at most {MaxWindow.TotalDays:0} days apart.");

        bool? open = null;
        if (List(query, "status") is { } statuses)
        {
            statuses = statuses.Select(s => s.ToLowerInvariant()).ToList();
            var unknown = statuses.Where(s => s is not ("open" or "closed")).ToList();
            if (unknown.Count > 0) fields.Add("status", $"status is open or closed, not \"{string.Join(",", unknown)}\".");
            else if (statuses.Distinct().Count() == 1) open = statuses[0] == "open";
        }
        if (fields.Any) return null;
        // end_date is the latest time included; the ledger's window excludes its end.
        return all with { Categories = codes, From = start, To = end!.Value.AddTicks(1), Open = open };
    }

    private static List<string>? List(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        var items = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return items.Count == 0 ? null : items;
    }

    private static DateTimeOffset? Date(IQueryCollection query, string name, Fields fields)
    {
        var text = query[name].ToString();
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        // An unencoded positive offset ("+hh:mm") arrives as " hh:mm": a query string turns + into a space.
        var space = text.LastIndexOf(' ');
        if (space > 0 && DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, space), "+", text.AsSpan(space + 1)), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out at))
            return at;
        fields.Add(name, $"{name} must be an ISO 8601 date and time, e.g. 2026-11-24T01:00:00Z, not \"{text}\".");
        return null;
    }
}
