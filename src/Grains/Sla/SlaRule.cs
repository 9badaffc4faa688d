using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// One line of a policy: the limit of a step, optionally only for a category (an exact code such as
/// E0102, or a kind-and-major prefix such as E04), a priority and an area. A null
/// <paramref name="Limit"/> means the category's own handling limit.
/// </summary>
public sealed record SlaRule(SlaStep Step, string? Category, Priority? Priority, GridArea? Area, SlaDuration? Limit)
{
    /// <summary>A rule with no conditions: every step needs one, so every case finds a limit.</summary>
    public bool IsFallback => Category is null && Priority is null && Area is null;

    /// <summary>
    /// How narrowly the rule aims: an exact category 4, a category prefix 2, a priority 1, an area 1.
    /// Among matching rules the highest wins, and the earlier of equals.
    /// </summary>
    public int Specificity =>
        (Category is null ? 0 : IsExactCategory ? 4 : 2) + (Priority is null ? 0 : 1) + (Area is null ? 0 : 1);

    public bool Matches(Category category, Priority priority, GridArea area) =>
        (Category is null || (IsExactCategory
            ? string.Equals(category.Code, Category, StringComparison.OrdinalIgnoreCase)
            : category.Code.StartsWith(Category, StringComparison.OrdinalIgnoreCase)))
        && (Priority is null || Priority == priority)
        && (Area is null || Area == area);

    // Codes are C/E + two digits + two digits; anything shorter is a prefix.
    private bool IsExactCategory => Category is { Length: 5 };
}
