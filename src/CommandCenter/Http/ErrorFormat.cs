namespace CommandCenter.Http;

/// <summary>
/// Endpoint metadata for an API with its own error format (Open311's error list): the input checks,
/// the rate limiter and the unknown-resource answer write their errors with it instead of problem details.
/// </summary>
/// <param name="Write">The answer for a status and its messages, each "field: what is wrong".</param>
public sealed record ErrorFormat(Func<HttpContext, int, IReadOnlyList<string>, IResult> Write)
{
    public static ErrorFormat? Of(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ErrorFormat>();
}
