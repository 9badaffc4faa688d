namespace CommandCenter.Auth;

/// <summary>Section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Password of the first admin; when empty one is generated and printed once.</summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>Base64 signing key; when empty one is generated at first start and kept in the data directory.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a token lives: a shift, by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long an invitation (a one-time code to set one's password) stays open: a week, by default.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    public const string Issuer = "grid-command-center";
    public const string Audience = "grid-command-center";
}
