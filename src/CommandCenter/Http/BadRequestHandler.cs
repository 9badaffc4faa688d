using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace CommandCenter.Http;

/// <summary>
/// Turns unreadable requests into 400 problem details that name the field, and anything unexpected
/// into a plain 500 without stack traces or type names.
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
            _ => (500, "Something went wrong on our side.", "The error was logged; try again, and tell the administrator if it persists.", null),
        };
        if (status >= 500) log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
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

    // Framework messages can carry CLR type names ("DutyRequest request"); keep only the human part.
    private static string Sanitize(string message) => message.Contains("body", StringComparison.OrdinalIgnoreCase)
        ? "The request body is missing, too large or not JSON."
        : "The request is malformed.";
}
