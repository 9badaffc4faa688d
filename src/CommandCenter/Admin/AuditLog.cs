using System.Security.Claims;
using System.Text.Json;
using CommandCenter.Grains.Setup;

namespace CommandCenter.Admin;

/// <summary>Writes administrative changes to the city's audit trail: who (the signed-in account), when (the domain clock), what, before and after.</summary>
public sealed class AuditLog(IGrainFactory grains, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public AuditEntry Entry(ClaimsPrincipal user, string action, string subject, object? before, object? after) =>
        Entry(user.Identity?.Name ?? "system", action, subject, before, after);

    /// <summary>An entry by a named actor: the person itself when it acts without a token (setting its password from an invitation).</summary>
    public AuditEntry Entry(string actor, string action, string subject, object? before, object? after) =>
        new(clock.GetUtcNow(), actor, action, subject, Text(before), Text(after));

    public Task Record(params AuditEntry[] entries) => grains.GetGrain<IAuditTrailGrain>("city").Append(entries);

    public Task Record(ClaimsPrincipal user, string action, string subject, object? before, object? after) =>
        Record(Entry(user, action, subject, before, after));

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}
