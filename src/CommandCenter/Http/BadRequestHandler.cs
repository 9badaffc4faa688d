using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace CommandCenter.Http;

/// <summary>
/// Turns unreadable requests into 400 problem details that name the field, a database that cannot be reached into a
/// 503 that says so (the request can be tried again once it is back), and anything unexpected into a plain 500
/// without stack traces or type names.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> log) : IExceptionHandler
{
    [GeneratedRegex("""parameter "(?:[^"]*\s)?(?<name>\w+)" from "(?<value>[^"]*)""")]
    private static partial Regex BindFailure();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The body is not valid JSON for this request.",
                $"Check the value at {json.Path ?? "$"} (line {json.LineNumber + 1}): wrong type, malformed JSON or an unknown value.",
                new Dictionary<string, string[]> { [json.Path ?? "$"] = ["Malformed or of the wrong type."] }),
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } m => (400, "The request has invalid fields.",
                $"\"{m.Groups["value"].Value}\" is not a valid value for {m.Groups["name"].Value}.",
                new Dictionary<string, string[]> { [m.Groups["name"].Value] = [$"\"{m.Groups["value"].Value}\" is not valid."] }),
            BadHttpRequestException bad => (bad.StatusCode, "The request cannot be read.", Sanitize(bad.Message), null),
            _ when Find<Grains.Archive.ArchiveTamperedException>(exception) is { } tampered => (500, "The archive is damaged.",
                tampered.Message + " Restore the file from a backup; GET /api/archive/verify lists every damaged file.", null),
            _ when DatabaseUnavailable(exception) => (503, "The database is unavailable.",
                "The center cannot reach its database right now; nothing was changed by this request. Try again shortly.", null),
            _ => (500, "Something went wrong on our side.", "The error was logged; try again, and tell the administrator if it persists.", null),
        };
        if (status >= 500) log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        http.Response.StatusCode = status;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) details.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = null });
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    /// <summary>
    /// PostgreSQL cannot be reached or is going away: a connection failure or timeout (NpgsqlException), or the server
    /// shutting down, restarting or refusing connections (SQLSTATE classes 08, 57P, 53). Looked for down the chain and by
    /// the name Orleans keeps when it hands a grain's exception over as a stand-in of another type.
    /// </summary>
    private static bool DatabaseUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException server)
            {
                if (server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || server.SqlState.StartsWith("53", StringComparison.Ordinal)) return true;
            }
            else if (e is Npgsql.NpgsqlException) return true;
            else if (e is Orleans.Serialization.UnavailableExceptionFallbackException { ExceptionType: { } type } && type.StartsWith("Npgsql.", StringComparison.Ordinal)
                     && !type.StartsWith("Npgsql.PostgresException", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // Framework messages can carry CLR type names ("DutyRequest request"); keep only the human part.
    private static string Sanitize(string message) => message.Contains("body", StringComparison.OrdinalIgnoreCase)
        ? "The request body is missing, too large or not JSON."
        : "The request is malformed.";
}
