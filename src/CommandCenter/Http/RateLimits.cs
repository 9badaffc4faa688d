using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CommandCenter.Http;

/// <summary>
/// Per-client-address limits on what anonymous callers can reach: sign-in and the public intake
/// (Open311, webhooks). Limits are configuration (section "RateLimits") so a test or a busy city can change them.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PublicIntake = "public-intake";

    public static void AddCommandCenterRateLimits(this WebApplicationBuilder builder)
    {
        var signInPerMinute = builder.Configuration.GetValue("RateLimits:SignInPerMinute", 30);
        var intakePerMinute = builder.Configuration.GetValue("RateLimits:PublicIntakePerMinute", 120);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, http => PerAddress(http, signInPerMinute));
            limiter.AddPolicy(PublicIntake, http => PerAddress(http, intakePerMinute));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (ErrorFormat.Of(http) is { } own)
                {
                    await own.Write(http, StatusCodes.Status429TooManyRequests, ["Too many requests from this address; wait a minute and try again."]).ExecuteAsync(http);
                    return;
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "This address sent too many requests; wait a minute and try again." },
                });
            };
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
