using Microsoft.Net.Http.Headers;

namespace CommandCenter.Http;

/// <summary>
/// The one input layer: after routing, before any endpoint (and so before any grain or store) runs,
/// checks the route's ids, the query string, form fields and JSON bodies against the rules every
/// field shares (<see cref="TextRules"/>, <see cref="TextLimits"/>, <see cref="InputDates"/>, no nulls
/// in arrays, readable multipart) and answers 400 naming each bad field. Rules that belong to one
/// field (a category code, a grid id) stay with its endpoint.
/// </summary>
public sealed class InputChecks(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is null || http.Request.Path.StartsWithSegments("/hubs"))
        {
            await next(http);
            return;
        }
        var fields = new Fields();
        CheckRoute(http, fields);
        CheckQuery(http.Request.Query, fields);
        if (!fields.Any) await CheckBody(http, fields);
        if (fields.Any)
        {
            await Refuse(http, fields).ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private static void CheckRoute(HttpContext http, Fields fields)
    {
        // A catch-all ({**rest}) may be empty: it names no resource, so the endpoint answers (Open311's 404).
        var catchAll = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.Parameters.Where(p => p.IsCatchAll).Select(p => p.Name).ToHashSet() ?? [];
        foreach (var (name, raw) in http.Request.RouteValues)
        {
            if (raw is not string value || name is "action" or "controller" or "page") continue;
            if (string.IsNullOrWhiteSpace(value)) { if (!catchAll.Contains(name)) fields.Add(name, $"{name} must not be empty or blank."); }
            else if (TextRules.Problem(value, TextLimits.Id) is { } problem) fields.Add(name, $"{name} {problem}");
        }
    }

    private static void CheckQuery(IQueryCollection query, Fields fields)
    {
        foreach (var (name, values) in query)
        {
            if (TextRules.Problem(name, TextLimits.Id) is { } badName) fields.Add("query", $"A parameter name {badName}");
            foreach (var value in values)
            {
                if (value is null) continue;
                if (TextRules.Problem(value, TextLimits.Of(name)) is { } problem) fields.Add(name, $"{name} {problem}");
                else if (InputDates.Problem(value) is { } date) fields.Add(name, date);
            }
        }
    }

    private static async Task CheckBody(HttpContext http, Fields fields)
    {
        var request = http.Request;
        if (request.ContentLength == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method)) return;
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (type is "application/x-www-form-urlencoded" or "multipart/form-data")
        {
            await CheckForm(http, type, fields);
            return;
        }
        if (type is not null && !type.Contains("json", StringComparison.Ordinal) && !type.StartsWith("text/", StringComparison.Ordinal)) return;

        var body = await Buffered(http);
        var declaredJson = type is not null && type.Contains("json", StringComparison.Ordinal);
        if (declaredJson ? body.Length > 0 : JsonBodyCheck.LooksLikeJson(body))
            JsonBodyCheck.Check(body, strict: declaredJson, fields);
    }

    private static async Task CheckForm(HttpContext http, string type, Fields fields)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form;
        IFormFileCollection files = new FormFileCollection();
        try
        {
            if (type == "multipart/form-data")
            {
                var multipart = await http.Request.ReadFormAsync(http.RequestAborted);
                (form, files) = (multipart, multipart.Files);
            }
            else
            {
                // Read as text and left in the body: endpoints with their own form reader (Open311) read the same bytes.
                form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(await Buffered(http)));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException)
        {
            fields.Add("body", type == "multipart/form-data"
                ? "The multipart body cannot be read: give a boundary in Content-Type and well-formed parts."
                : "The form body cannot be read.");
            return;
        }
        foreach (var (name, values) in form)
        {
            foreach (var value in values)
            {
                if (value is null) continue;
                if (TextRules.Problem(value, TextLimits.Of(name)) is { } problem) fields.Add(name, $"{name} {problem}");
                else if (InputDates.Problem(value) is { } date) fields.Add(name, date);
            }
        }
        foreach (var file in files)
            if (TextRules.Problem(file.FileName ?? "", TextLimits.Id) is { } problem) fields.Add(file.Name, $"The file name {problem}");
    }

    /// <summary>The whole body, left rewound for the endpoint.</summary>
    private static async Task<byte[]> Buffered(HttpContext http)
    {
        http.Request.EnableBuffering();
        try
        {
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            return copy.ToArray();
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
    }

    private static IResult Refuse(HttpContext http, Fields fields) =>
        ErrorFormat.Of(http) is { } own
            ? own.Write(http, StatusCodes.Status400BadRequest, fields.Messages.Select(m => $"{m.Field}: {m.Message}").ToList())
            : fields.Result();
}

public static class InputChecksSetup
{
    /// <summary>After authorization (anonymous callers hear 401 first), before the endpoints.</summary>
    public static void UseInputChecks(this IApplicationBuilder app) => app.UseMiddleware<InputChecks>();
}
