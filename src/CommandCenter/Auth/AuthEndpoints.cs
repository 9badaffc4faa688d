using CommandCenter.Access;
using CommandCenter.Http;

namespace CommandCenter.Auth;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", async (TokenRequest? request, TokenIssuer issuer, HttpContext http) =>
        {
            // A token must never sit in a browser's or proxy's cache (RFC 6749 §5.1).
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            var errors = new Fields();
            if (string.IsNullOrWhiteSpace(request?.Username)) errors.Add("username", "Give the account's username.");
            if (string.IsNullOrEmpty(request?.Password)) errors.Add("password", "Give the account's password.");
            if (errors.Any) return errors.Result();
            var result = await issuer.SignIn(request!.Username!.Trim(), request.Password!);
            if (result.Token is { } token) return Results.Ok(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresIn));
            if (result.LockedUntil is { } until)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds)).ToString();
                return Results.Problem(title: "Account locked", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"Too many failed sign-ins: try again after {until:HH:mm:ss} UTC, or ask an administrator.");
            }
            if (result.Disabled)
                return Results.Problem(title: "Account disabled", detail: "This account is disabled; ask an administrator.", statusCode: StatusCodes.Status403Forbidden);
            return Results.Problem(title: "Sign-in failed", detail: "The username or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        })
        .AllowAnonymous()
        .NotGridScoped("sign-in: the token carries the account's scope")
        .RequireRateLimiting(RateLimits.SignIn)
        .WithTags("Sign-in")
        .WithSummary("Exchange a username and password for a bearer token.");
    }
}
