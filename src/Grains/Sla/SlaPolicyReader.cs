using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// Reads and checks a policy file. Every problem is collected with the path of its entry
/// (<c>limits[3].limit: ...</c>) and all are reported together.
/// </summary>
internal static class SlaPolicyReader
{
    private const double DefaultWarnFraction = 0.8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A misspelt "priorty" would silently turn a narrow rule into a fallback; refuse it instead.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SlaPolicy Read(string json, CategoryCatalogue catalogue, string? source)
    {
        SlaPolicyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SlaPolicyFile>(json, Json);
        }
        catch (JsonException e)
        {
            // The serializer's message names CLR types; say where the document is wrong instead.
            throw new SlaPolicyException([$"not a policy document: the value at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}) is malformed or of the wrong type"], source);
        }
        if (file is null)
            throw new SlaPolicyException(["not a policy document: the document is null"], source);

        var problems = new List<string>();
        var zone = ReadTimeZone(file.TimeZone, problems);
        var warnFraction = file.WarnFraction ?? DefaultWarnFraction;
        if (!(warnFraction > 0 && warnFraction < 1))
            problems.Add($"warnFraction: {warnFraction.ToString(CultureInfo.InvariantCulture)} must be more than 0 and less than 1");
        var calendar = ReadCalendar(file.Calendar, problems);
        var resend = ReadResend(file.ResendUnreadAfter, problems);
        var rules = ReadRules(file.Limits, catalogue, problems);

        if (problems.Count > 0)
            throw new SlaPolicyException(problems, source);
        return new SlaPolicy(
            warnFraction,
            new WorkingCalendar(zone!, calendar.OfficeHours, calendar.WorkingDays, calendar.Holidays, calendar.MakeUpWorkdays),
            rules) { ResendUnreadAfter = resend };
    }

    private static readonly TimeSpan DefaultResend = TimeSpan.FromMinutes(10);

    /// <summary>"90s", "10m", "1h": how long an escalation notice may stay unread before it is sent again.</summary>
    private static TimeSpan ReadResend(string? text, List<string> problems)
    {
        if (text is null) return DefaultResend;
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), "^([0-9]{1,5})(s|m|h)$");
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == 0)
        {
            problems.Add($"resendUnreadAfter: \"{text}\" must be a whole number of seconds, minutes or hours above zero, such as 90s, 10m or 1h");
            return DefaultResend;
        }
        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n) };
    }

    private static TimeZoneInfo? ReadTimeZone(string? id, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add("timeZone: missing; use an IANA id (tz database name) such as Europe/Paris");
            return null;
        }
        // TryFind also refuses what is not a zone file at all ("Asia" is a folder of zones, "../x" a path).
        if (id.Trim() is { Length: <= 64 } trimmed && !trimmed.Contains("..", StringComparison.Ordinal)
            && TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone))
            return zone;
        problems.Add($"timeZone: \"{id}\" is not a time zone known here; use an IANA id (tz database name) such as Europe/Paris");
        return null;
    }

    private sealed record CalendarParts(
        List<(TimeOnly From, TimeOnly To)> OfficeHours,
        List<DayOfWeek> WorkingDays,
        List<DateOnly> Holidays,
        List<DateOnly> MakeUpWorkdays);

    private static CalendarParts ReadCalendar(SlaCalendarFile? file, List<string> problems)
    {
        var officeHours = file?.OfficeHours is null ? [.. WorkingCalendar.DefaultOfficeHours] : ReadOfficeHours(file.OfficeHours, problems);
        var workingDays = file?.WorkingDays is null ? [.. WorkingCalendar.DefaultWorkingDays] : ReadWorkingDays(file.WorkingDays, problems);
        var holidays = ReadDates("calendar.holidays", file?.Holidays, problems);
        var makeUps = ReadDates("calendar.makeUpWorkdays", file?.MakeUpWorkdays, problems);

        var holidaySet = holidays.Select(h => h.Date).ToHashSet();
        foreach (var (index, date) in makeUps)
        {
            if (holidaySet.Contains(date))
                problems.Add($"calendar.makeUpWorkdays[{index}]: {date:yyyy-MM-dd} is also listed as a holiday");
            else if (workingDays.Contains(date.DayOfWeek))
                problems.Add($"calendar.makeUpWorkdays[{index}]: {date:yyyy-MM-dd} is a {date.DayOfWeek}, already a working day");
        }
        return new CalendarParts(officeHours, workingDays, [.. holidays.Select(h => h.Date)], [.. makeUps.Select(m => m.Date)]);
    }

    private static List<(TimeOnly From, TimeOnly To)> ReadOfficeHours(List<SlaOfficePeriodFile?> entries, List<string> problems)
    {
        if (entries.Count == 0)
            problems.Add("calendar.officeHours: empty; list at least one period such as { \"from\": \"08:30\", \"to\": \"12:00\" }");

        var read = new List<(int Index, TimeOnly From, TimeOnly To)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var name = $"calendar.officeHours[{i}]";
            var from = ReadTime($"{name}.from", entries[i]?.From, problems);
            var to = ReadTime($"{name}.to", entries[i]?.To, problems);
            if (from is null || to is null)
                continue;
            if (from >= to)
                problems.Add($"{name}: {from:HH\\:mm}–{to:HH\\:mm} does not end after it starts");
            else
                read.Add((i, from.Value, to.Value));
        }

        var sorted = read.OrderBy(p => p.From).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (earlier, later) = (sorted[i - 1], sorted[i]);
            if (later.From < earlier.To)
                problems.Add($"calendar.officeHours[{later.Index}]: {later.From:HH\\:mm}–{later.To:HH\\:mm} overlaps calendar.officeHours[{earlier.Index}] ({earlier.From:HH\\:mm}–{earlier.To:HH\\:mm})");
        }
        return [.. sorted.Select(p => (p.From, p.To))];
    }

    private static TimeOnly? ReadTime(string name, string? text, List<string> problems)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        problems.Add($"{name}: {(text is null ? "missing" : $"\"{text}\" is not a time of day")}; write it as HH:mm, e.g. 08:30");
        return null;
    }

    private static List<DayOfWeek> ReadWorkingDays(List<string?> entries, List<string> problems)
    {
        if (entries.Count == 0)
            problems.Add("calendar.workingDays: empty; list at least one day such as \"Monday\"");
        var days = new List<DayOfWeek>();
        for (var i = 0; i < entries.Count; i++)
        {
            var day = Named<DayOfWeek>(entries[i]);
            if (day is null)
                problems.Add($"calendar.workingDays[{i}]: \"{entries[i]}\" is not a day of the week (Monday … Sunday)");
            else
                days.Add(day.Value);
        }
        return days;
    }

    private static List<(int Index, DateOnly Date)> ReadDates(string name, List<string?>? entries, List<string> problems)
    {
        var dates = new List<(int, DateOnly)>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var text = entries![i];
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                dates.Add((i, date));
            else
                problems.Add($"{name}[{i}]: \"{text}\" is not a date; write it as yyyy-MM-dd, e.g. 2026-10-01");
        }
        return dates;
    }

    private static List<SlaRule> ReadRules(List<SlaRuleFile?>? entries, CategoryCatalogue catalogue, List<string> problems)
    {
        var rules = new List<SlaRule>();
        if (entries is null || entries.Count == 0)
        {
            problems.Add("limits: missing or empty; every step needs at least a rule such as { \"step\": \"grid\", \"limit\": \"30m\" }");
            return rules;
        }

        var firstIndexOfKey = new Dictionary<(SlaStep, string?, Priority?, GridArea?), int>();
        // A step whose rule was refused already has a problem; "no fallback" on top would only be noise.
        var stepsWithRefusedRules = new HashSet<SlaStep>();
        for (var i = 0; i < entries.Count; i++)
        {
            var rule = ReadRule($"limits[{i}]", entries[i], catalogue, problems);
            if (rule is null)
            {
                if (Named<SlaStep>(entries[i]?.Step) is { } refusedStep)
                    stepsWithRefusedRules.Add(refusedStep);
                continue;
            }
            var key = (rule.Step, rule.Category, rule.Priority, rule.Area);
            if (firstIndexOfKey.TryGetValue(key, out var first))
            {
                problems.Add($"limits[{i}]: same step, category, priority and area as limits[{first}], so it would never apply");
                continue;
            }
            firstIndexOfKey.Add(key, i);
            rules.Add(rule);
        }

        foreach (var step in Enum.GetValues<SlaStep>())
        {
            if (!stepsWithRefusedRules.Contains(step) && !rules.Any(r => r.Step == step && r.IsFallback))
                problems.Add($"limits: step \"{Word(step)}\" has no fallback rule (one without category, priority or area), so some cases would have no limit");
        }
        return rules;
    }

    private static SlaRule? ReadRule(string name, SlaRuleFile? entry, CategoryCatalogue catalogue, List<string> problems)
    {
        if (entry is null)
        {
            problems.Add($"{name}: null instead of a rule");
            return null;
        }
        var before = problems.Count;

        var step = Named<SlaStep>(entry.Step);
        if (step is null)
        {
            var steps = string.Join(", ", Enum.GetValues<SlaStep>().Select(Word));
            problems.Add(entry.Step is null ? $"{name}.step: missing; use one of {steps}" : $"{name}.step: \"{entry.Step}\" is not one of {steps}");
        }

        Priority? priority = null;
        if (entry.Priority is not null && (priority = PriorityWords.Parse(entry.Priority)) is null)
            problems.Add($"{name}.priority: \"{entry.Priority}\" is not urgent, high, normal or low");

        GridArea? area = null;
        if (entry.Area is not null && (area = Named<GridArea>(entry.Area)) is null)
            problems.Add($"{name}.area: \"{entry.Area}\" is not urban or rural");

        string? category = null;
        if (entry.Category is not null)
        {
            category = entry.Category.Trim().ToUpperInvariant();
            var known = category.Length switch
            {
                5 => catalogue.Find(category) is not null,
                3 => catalogue.All.Any(c => c.Code.StartsWith(category, StringComparison.Ordinal)),
                _ => false,
            };
            if (!known)
                problems.Add($"{name}.category: \"{entry.Category}\" is neither a category code (such as E0102) nor a kind-and-major prefix (such as E04) in the catalogue");
        }

        SlaDuration? limit = null;
        if (entry.Limit is null)
            problems.Add($"{name}.limit: missing; use a duration such as 30m or 8wh, or \"category\" for the category's own handling limit");
        else if (entry.Limit.Trim() != "category")
        {
            if (SlaDuration.TryParse(entry.Limit, out var duration, out var problem))
                limit = duration;
            else
                problems.Add($"{name}.limit: {problem}, or \"category\"");
        }

        return problems.Count > before ? null : new SlaRule(step!.Value, category, priority, area, limit);
    }

    private static string Word(SlaStep step) => step.ToString().ToLowerInvariant();

    /// <summary>An enum value by its name in any letter case; unlike Enum.TryParse it refuses numbers and lists.</summary>
    private static T? Named<T>(string? text) where T : struct, Enum
    {
        var wanted = text?.Trim();
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }
}
