using System.Security.Claims;
using CommandCenter.City;
using CommandCenter.Grains.Setup;

namespace CommandCenter.Admin;

/// <summary>
/// Saves a change to the city's codebook for the admin console: on the latest stored revision (read first, so this
/// node's copy is never the base of a change), then recorded in the audit trail, then in use on this node at once
/// (the other nodes pick it up within <see cref="CityRulesSync.Period"/>).
/// </summary>
public sealed class CodebookDesk(IGrainFactory grains, CityRules rules, CityRulesSync sync, AuditLog audit)
{
    /// <summary>The stored codebook, read now.</summary>
    public async Task<CityCodebook> Latest()
    {
        await sync.Refresh();
        return rules.Book;
    }

    /// <summary>The saved codebook, or null when another admin saved first since <paramref name="basis"/> (answer 409 and let the admin look again).</summary>
    public async Task<CityCodebook?> Save(CityCodebook basis, ClaimsPrincipal user, string? cityJson, string? catalogueJson, string? policyJson,
        string note, params AuditEntry[] entries)
    {
        var saved = await grains.GetGrain<ICityCodebookGrain>("city").Save(
            new CodebookChange(basis.Revision, cityJson, catalogueJson, policyJson, user.Identity?.Name ?? "system", note));
        if (saved is null) return null;
        await audit.Record(entries);
        rules.Use(saved);
        return saved;
    }

    public static IResult Conflict() => Results.Problem(title: "Changed meanwhile",
        detail: "Another administrator saved the city's settings a moment ago; reload to see them, then make the change again.",
        statusCode: StatusCodes.Status409Conflict);
}
