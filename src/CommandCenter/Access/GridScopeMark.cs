namespace CommandCenter.Access;

/// <summary>How a route or hub method applies the grid-scope rule, as docs/authorization.md's grid scope table says.</summary>
public enum ScopeEffect
{
    /// <summary>Asked about something outside the account's reach: 403 naming the account's scope.</summary>
    Refuses,
    /// <summary>Answers only what is inside the account's reach: a list narrowed to its subtree, or nothing.</summary>
    Narrows,
    /// <summary>Narrows when no grid is asked for; refuses a grid outside the account's subtree.</summary>
    NarrowsOrRefuses,
    /// <summary>Touches nothing a grid scope limits (public, sign-in, the catalogue, admin-only): the reason says why.</summary>
    NotScoped,
}

/// <summary>
/// The scope decision a route or hub method declares. Every endpoint and every hub method carries one
/// (GridScopeRouteTests fails otherwise), so a new route cannot be added without saying how grid scope applies.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class GridScopeMark(ScopeEffect effect, string rule) : Attribute
{
    public ScopeEffect Effect { get; } = effect;

    /// <summary>What the rule is asked about (scoped), or why the route is not scoped.</summary>
    public string Rule { get; } = rule;
}

public static class GridScopeConventions
{
    /// <summary>Declares that the route applies the grid-scope rule (through <see cref="ScopeGate"/>) in this way.</summary>
    public static TBuilder GridScoped<TBuilder>(this TBuilder builder, ScopeEffect effect, string rule) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new GridScopeMark(effect, rule));

    /// <summary>Declares that the route touches nothing grid scope limits, and why.</summary>
    public static TBuilder NotGridScoped<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new GridScopeMark(ScopeEffect.NotScoped, why));
}
