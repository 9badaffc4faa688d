using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Http;
using CommandCenter.Intake;

namespace CommandCenter.Incidents;

/// <summary>
/// The case-search parameters of <c>GET /api/incidents</c> (q, phone, step, light, platform, category, channel, open, state),
/// read from the query string: each bad value is named with the values it may take (400); good ones narrow the query.
/// The case exports (<c>/api/exports/incidents.*</c>) read the screen's filters with this same reader.
/// </summary>
public sealed record IncidentSearchFilters(string? Q, string? Phone, string? Step, string? Light, string? Platform, string? Category, string? Channel, string? Open,
    string? State = null)
{
    /// <summary>The query narrowed by these filters, or the fields that are wrong.</summary>
    public IncidentQuery Apply(IncidentQuery query, CategoryCatalogue catalogue, Fields fields)
    {
        if (State is not null)
        {
            if (Enum.TryParse<IncidentStatus>(State, ignoreCase: true, out var status) && !int.TryParse(State, out _)) query = query with { Status = status };
            else fields.Add("state", $"state must be one of {string.Join(", ", Enum.GetValues<IncidentStatus>().Select(IncidentSteps.Word))}.");
        }
        if (Q is not null)
        {
            if (string.IsNullOrWhiteSpace(Q)) fields.Add("q", "q is a case number or words of the address, description, caller name or phone; it may not be blank.");
            else if (Q.Trim().Length > CaseSearch.MaxQuery) fields.Add("q", $"q is at most {CaseSearch.MaxQuery} characters.");
            else query = query with { Search = Q.Trim() };
        }
        if (Phone is not null)
        {
            var digits = CaseSearch.Digits(Phone);
            if (!ReporterChecks.IsPhoneNumber(Phone.Trim()) || digits.Length < CaseSearch.MinPhoneDigits)
                fields.Add("phone", "phone is the caller's number: digits, spaces, dashes, brackets and a leading +, at least 3 digits.");
            else query = query with { PhoneDigits = digits };
        }
        if (Step is not null)
        {
            if (int.TryParse(Step, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step) && step is >= 1 and <= 9)
                query = query with { Step = step };
            else fields.Add("step", "step must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9.");
        }
        if (Light is not null)
        {
            if (SlaLightWords.Parse(Light) is { } light) query = query with { Light = light };
            else fields.Add("light", $"light must be one of {string.Join(", ", SlaLightWords.All)}.");
        }
        IReadOnlyCollection<string>? categories = null;
        if (Category is not null)
        {
            if (catalogue.Find(Category) is { } category) categories = [category.Code];
            else fields.Add("category", $"category must be a category code from /api/categories (e.g. {string.Join(", ", catalogue.All.Take(3).Select(c => c.Code))}), not \"{Category}\".");
        }
        if (Platform is not null)
        {
            if (PlatformWords.Parse(Platform) is { } platform)
            {
                var ofPlatform = catalogue.All.Where(c => c.Platform == platform).Select(c => c.Code);
                categories = categories is null ? ofPlatform.ToList() : categories.Intersect(ofPlatform).ToList();
            }
            else fields.Add("platform", $"platform must be one of {string.Join(", ", PlatformWords.All)}.");
        }
        if (categories is not null) query = query with { Categories = categories };
        if (Channel is not null)
        {
            if (IncidentEndpoints.Channels.Contains(Channel)) query = query with { Channels = [Channel] };
            else fields.Add("channel", $"channel must be one of {string.Join(", ", IncidentEndpoints.Channels)}.");
        }
        if (Open is not null)
        {
            if (bool.TryParse(Open, out var open)) query = query with { Open = open };
            else fields.Add("open", "open must be one of true, false.");
        }
        return query;
    }
}
