using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Incidents;
using CommandCenter.Replay;

namespace CommandCenter.Exports;

/// <summary>
/// What a case export selects: the case list's filters (<c>GET /api/incidents</c>: grid, state, overdue, q, phone, step, light,
/// platform, category, channel, open), read by the list's own reader (<see cref="IncidentSearchFilters"/>), and the creation
/// window from/to, which an export must give (at most <see cref="MaxWindow"/>). <c>scope</c> is the older name of <c>grid</c>.
/// </summary>
public sealed record CaseExportQuery(
    DateTimeOffset? From, DateTimeOffset? To, string? Grid, string? Scope, string? State, bool? Overdue,
    string? Q, string? Phone, string? Step, string? Light, string? Platform, string? Category, string? Channel, string? Open)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>The ledger query for the account (a scoped account's subtree, never beyond), or the answer that refuses it (403, or 400 naming each bad filter).</summary>
    public async Task<(IResult? Refusal, IncidentQuery? Query)> Read(ClaimsPrincipal user, ScopeGate gate, GridDirectory grids, CategoryCatalogue catalogue, DateTimeOffset now)
    {
        var fields = new Fields();
        var gridField = Grid is not null ? "grid" : "scope";
        if (Grid is not null && Scope is not null && !string.Equals(Grid.Trim(), Scope.Trim(), StringComparison.Ordinal))
            fields.Add("grid", $"grid and scope name the same filter (scope is its older name): give one, not \"{Grid}\" and \"{Scope}\".");
        if (fields.Any) return (fields.Result(), null);
        var scoped = await gate.Subtree(user, Grid ?? Scope);
        if (scoped.Refused) return (ScopeGate.Refusal(user, scoped), null);
        var window = ReplayEndpoints.Window(fields, From, To, MaxWindow);
        var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId, gridField);
        var query = new IncidentQuery(scopeId is null || scopeId == hierarchy?.Root.Id ? null : scopeId, null, Overdue, window.From, window.To, now, 0, int.MaxValue);
        query = new IncidentSearchFilters(Q, Phone, Step, Light, Platform, Category, Channel, Open, State).Apply(query, catalogue, fields);
        return fields.Any ? (fields.Result(), null) : (null, query);
    }
}
