using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Intake;

/// <summary>
/// Checks a webhook call: the source has a secret (Intake:Webhooks:{source}:Secret), X-Timestamp is a
/// unix time at most 5 minutes old, X-Signature is "sha256=" + hex HMAC-SHA256 of "{timestamp}.{raw body}"
/// under the source's secret, and the signature was not used before.
/// </summary>
public sealed partial class WebhookSignatures(IConfiguration configuration, SignatureReplayGuard replays, ILogger<WebhookSignatures> log)
{
    public const string SignatureHeader = "X-Signature";
    public const string TimestampHeader = "X-Timestamp";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    /// <summary>How far ahead of ours a sender's clock may run.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex SourceName();

    /// <summary>A source name is letters, digits and dashes, at most 64, so it can be a route segment and a settings key.</summary>
    public static bool IsSourceName(string source) => SourceName().IsMatch(source);

    /// <summary>Why the call is refused, or null when it is genuine and fresh.</summary>
    public string? Refusal(string source, HttpRequest request, byte[] body)
    {
        var refusal = Check(source, request, body);
        // A sender wiring up its webhook reads this to find out what it got wrong; so does whoever watches for forgeries.
        if (refusal is not null) log.LogWarning("Webhook call for source {Source} refused: {Refusal}", source, refusal);
        return refusal;
    }

    private string? Check(string source, HttpRequest request, byte[] body)
    {
        // Real time, not the domain clock: freshness is judged against the sender's wall clock.
        var now = DateTimeOffset.UtcNow;
        string? timestamp = request.Headers[TimestampHeader], signature = request.Headers[SignatureHeader];
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return $"Sign the call: {TimestampHeader} (unix seconds) and {SignatureHeader} (sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">) are required.";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
            return $"{TimestampHeader} must be the unix time in seconds.";
        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now - at > Window) return $"{TimestampHeader} is more than {Window.TotalMinutes:0} minutes old; sign the call again with the current time.";
        if (at - now > Skew) return $"{TimestampHeader} is in the future; check the sender's clock.";

        var secret = SourceName().IsMatch(source) ? configuration[$"Intake:Webhooks:{source}:Secret"] : null;
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || string.IsNullOrEmpty(secret) || !Matches(secret, timestamp, body, signature["sha256=".Length..]))
            return "Unknown source or bad signature.";
        if (!replays.FirstSight($"{source.ToLowerInvariant()}:{signature.ToLowerInvariant()}", at + Window, now))
            return "This signature was already used; sign each call afresh.";
        return null;
    }

    private static bool Matches(string secret, string timestamp, byte[] body, string hex)
    {
        byte[] given;
        try { given = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return CryptographicOperations.FixedTimeEquals(hmac.GetHashAndReset(), given);
    }
}
