namespace CommandCenter.Grains.Incidents;

/// <summary>The kinds of value an action's field takes; pages pick an input from it.</summary>
public enum FieldKind { Text, YesNo, Number, Time, Member, Grid, Link, SubTask, SubTasks, Notice, Photos, Position }

/// <summary>
/// One field an action reads from its request: whether it is required, its limits, its words, and the
/// sentence that asks for it (the 422's message when it is missing or wrong, the page's prompt).
/// </summary>
public sealed record ActionField
{
    public required string Name { get; init; }
    public required FieldKind Kind { get; init; }
    public required string Chinese { get; init; }
    public required string English { get; init; }
    /// <summary>What to give: said when the field is missing or out of its limits.</summary>
    public required string Prompt { get; init; }
    public bool Required { get; init; }
    /// <summary>When it is required only sometimes: the condition in words (e.g. "when passed is false").</summary>
    public string? RequiredWhen { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>The smallest and largest number (for a list: how many entries).</summary>
    public int? Min { get; init; }
    public int? Max { get; init; }
    /// <summary>A further limit in words, checked by <see cref="Check"/> (e.g. "after the current deadline").</summary>
    public string? Limit { get; init; }
    /// <summary>Asked for only in a joint handling (the sub-task acted on).</summary>
    public bool JointOnly { get; init; }

    internal Func<IncidentCommand, object?> Read { get; init; } = _ => null;
    internal Func<IncidentCommand, bool>? RequiredIf { get; init; }
    internal Func<IncidentCommand, IncidentState, string?>? Check { get; init; }

    /// <summary>The field in words for the docs and the API description: "`satisfaction` (required, 1–5)".</summary>
    public string Summary
    {
        get
        {
            var need = Required ? (JointOnly ? "required in a joint handling" : "required") : RequiredWhen is { } when ? $"required {when}" : "optional";
            var limits = new List<string> { need };
            if (MaxLength is { } most) limits.Add($"at most {most} characters");
            if (Min is { } lo && Max is { } hi) limits.Add($"{lo}–{hi}");
            else if (Min is { } least) limits.Add($"at least {least}");
            if (Limit is { } limit) limits.Add(limit);
            return $"`{Name}` ({string.Join(", ", limits)})";
        }
    }

    /// <summary>What is wrong with the field in this request, or null when it is fine.</summary>
    public string? Problem(IncidentCommand command, IncidentState state)
    {
        var value = Read(command);
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
            return Required || RequiredIf?.Invoke(command) == true ? Prompt : null;
        if (value is string text && MaxLength is { } most && text.Length > most) return $"{Name} may be at most {most} characters.";
        if (value is int n && (n < Min || n > Max)) return Prompt;
        return Check?.Invoke(command, state);
    }
}
