using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Dispatch;

/// <summary>
/// Which new incidents go straight to the best-ranked member without an operator (section
/// "Dispatch:Auto": a list of rules, each with an optional category code or prefix and an optional
/// priority; a rule with neither matches everything).
/// </summary>
public sealed class AutoDispatchPolicy(IReadOnlyList<AutoDispatchPolicy.Rule> rules)
{
    public sealed record Rule(string? Category, string? Priority);

    public IReadOnlyList<Rule> Rules => rules;

    public bool Applies(string category, Priority priority) => rules.Any(r =>
        (r.Category is null || category.StartsWith(r.Category, StringComparison.OrdinalIgnoreCase))
        && (r.Priority is null || PriorityWords.Parse(r.Priority) == priority));

    public static AutoDispatchPolicy From(IConfiguration configuration)
    {
        var rules = configuration.GetSection("Dispatch:Auto").Get<List<Rule>>() ?? [];
        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
            if (rule.Priority is not null && PriorityWords.Parse(rule.Priority) is null)
                throw new InvalidOperationException($"Dispatch:Auto:{i}:Priority \"{rule.Priority}\" is not one of urgent, high, normal, low.");
        return new AutoDispatchPolicy(rules);
    }
}
