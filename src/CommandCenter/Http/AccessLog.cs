using System.Diagnostics;

namespace CommandCenter.Http;

/// <summary>
/// One line per request under its own category (<see cref="Category"/>; set its log level to None to turn it off):
/// method, path, the query's parameter names only, status, duration, the account or "anonymous", and the client address
/// as seen after the trusted proxies' forwarded headers. Query values, headers (Authorization, cookies), tokens and
/// bodies are never written: they can carry phone numbers, addresses and credentials.
/// </summary>
public sealed class AccessLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "CommandCenter.AccessLog";

    private readonly ILogger log = loggers.CreateLogger(Category);

    /// <summary>A parameter's name as it is when it looks like one; anything else (a value sent without a name) is hidden.</summary>
    private static string Name(string key) =>
        (key.Length is > 0 and <= 32 && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? key : "…") + "=";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!log.IsEnabled(LogLevel.Information))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        // Read before the rest of the pipeline rewrites the path (the dashboard maps pages to files).
        var method = http.Request.Method;
        var path = http.Request.PathBase.Add(http.Request.Path).Value ?? "/";
        var query = http.Request.Query.Count == 0 ? "" : "?" + string.Join("&", http.Request.Query.Keys.Select(Name));
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(http);
            status = http.Response.StatusCode;
        }
        finally
        {
            log.LogInformation("{Method} {Path}{Query} {Status} {Milliseconds:0.0} ms {Account} {Client}",
                method, path, query, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                RateLimits.AccountOf(http.User) ?? "anonymous", http.Connection.RemoteIpAddress?.ToString() ?? "-");
        }
    }
}
