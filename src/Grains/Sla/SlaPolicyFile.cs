namespace CommandCenter.Grains.Sla;

// The policy file as written. Every value is text (or nullable) so that SlaPolicy.Parse can name the
// entry and field of each bad value instead of failing on the first one.

internal sealed record SlaPolicyFile(string? TimeZone, double? WarnFraction, SlaCalendarFile? Calendar, List<SlaRuleFile?>? Limits,
    string? ResendUnreadAfter = null);

internal sealed record SlaCalendarFile(
    List<SlaOfficePeriodFile?>? OfficeHours,
    List<string?>? WorkingDays,
    List<string?>? Holidays,
    List<string?>? MakeUpWorkdays);

internal sealed record SlaOfficePeriodFile(string? From, string? To);

internal sealed record SlaRuleFile(string? Step, string? Category, string? Priority, string? Area, string? Limit);
