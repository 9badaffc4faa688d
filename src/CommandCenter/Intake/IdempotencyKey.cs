using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Intake;

/// <summary>
/// An Idempotency-Key as one caller used it for one request: the grain that remembers it (a hash of
/// caller and key, so callers never share keys) and the request's fingerprint (a hash of method,
/// path and raw body). Keys are honoured for 24 hours.
/// </summary>
public sealed record IdempotencyKey(string GrainKey, string Fingerprint, string Field)
{
    public const string Header = CommandCenter.Grains.Incidents.IncidentCommand.RequestKeyField;
    public const int MaxLength = 255;

    /// <summary>The key in the request's header for this caller and request (null when there is none), or a message saying what is wrong with it.</summary>
    public static (IdempotencyKey? Key, string? Problem) FromHeader(HttpRequest request, string caller, byte[] body)
    {
        var (value, problem) = ValueOf(request);
        return value is null ? (null, problem) : (For(caller, value, request, body, Header), null);
    }

    /// <summary>
    /// The key the request's header carries, unquoted (null when there is none), or a message saying what is wrong with it.
    /// The header may be a plain token or a quoted structured-field string, as the IETF draft writes it.
    /// </summary>
    public static (string? Value, string? Problem) ValueOf(HttpRequest request)
    {
        var values = request.Headers[Header];
        if (values.Count == 0) return (null, null);
        if (values.Count > 1) return (null, $"Send one {Header}, not {values.Count}.");
        var value = values[0] ?? "";
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
        if (value.Length is 0 or > MaxLength || value.Any(c => c is < ' ' or > '~'))
            return (null, $"{Header} must be 1 to {MaxLength} printable ASCII characters (a UUID is a good key).");
        return (value, null);
    }

    public static IdempotencyKey For(string caller, string key, HttpRequest request, byte[] body, string field)
    {
        var grainKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{key}")));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path.Value}\n"));
        hash.AppendData(body);
        return new IdempotencyKey(grainKey, Convert.ToHexStringLower(hash.GetHashAndReset()), field);
    }
}
