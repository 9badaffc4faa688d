namespace CommandCenter.Http;

/// <summary>Section "RateLimits": how many calls a minute one client address or one account may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in and password calls per client address (the account lockout guards each account on top).</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Open311, webhooks and the public inspection results, per client address.</summary>
    public int PublicIntakePerMinute { get; set; } = 120;

    /// <summary>
    /// Every call of one signed-in account; far above what a person or a phone makes (a busy wall polls a few times a
    /// second), so only a runaway script meets it. 0 turns it off (benchmarks, simulators driving a city day).
    /// </summary>
    public int AccountPerMinute { get; set; } = 6000;
}
