using System.Security.Claims;
using System.Threading.RateLimiting;
using CommandCenter.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace CommandCenter.Http;

/// <summary>
/// Limits per client: anonymous calls (sign-in, the public intake of Open311 and webhooks) per client address, as seen
/// after the trusted proxies' forwarded headers; every call of a signed-in account per account, so colleagues behind one
/// office address do not share a budget. Limits are configuration (section "RateLimits", <see cref="RateLimitOptions"/>).
/// The limiter runs after authentication, which is what tells it the account.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PublicIntake = "public-intake";

    public static void AddCommandCenterRateLimits(this WebApplicationBuilder builder)
    {
        // Checked by StartSettings before this line runs.
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            // Sign-in stays per address: its body (the username) is not read before the limiter decides, and each
            // account has its own lockout after five wrong passwords.
            limiter.AddPolicy(SignIn, http => PerAddress(http, limits.SignInPerMinute));
            limiter.AddPolicy(PublicIntake, http => PerAddress(http, limits.PublicIntakePerMinute));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                AccountOf(http.User) is { } account && limits.AccountPerMinute > 0
                    ? PerMinute("account:" + account, limits.AccountPerMinute)
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var who = AccountOf(http.User) is null ? "this address" : "this account";
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (ErrorFormat.Of(http) is { } own)
                {
                    await own.Write(http, StatusCodes.Status429TooManyRequests, [$"Too many requests from {who}; wait a minute and try again."]).ExecuteAsync(http);
                    return;
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"{char.ToUpperInvariant(who[0])}{who[1..]} sent too many requests; wait a minute and try again." },
                });
            };
        });
    }

    /// <summary>The signed-in account's name (the token's subject), or null for an anonymous caller.</summary>
    public static string? AccountOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(Claims.Subject)?.Value : null;

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        PerMinute(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", perMinute);

    private static RateLimitPartition<string> PerMinute(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
