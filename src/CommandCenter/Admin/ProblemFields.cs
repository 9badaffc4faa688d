using CommandCenter.Http;

namespace CommandCenter.Admin;

/// <summary>
/// Puts the pure readers' problems ("limits[3].limit: …", "calendar.holidays[0]: …") at the request's fields, so the
/// console shows each at its input; the readers stay the one place that decides what is valid.
/// </summary>
public static class ProblemFields
{
    public static void Add(Fields fields, IEnumerable<string> problems, Func<string, string>? field = null)
    {
        foreach (var problem in problems)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            var path = colon > 0 ? problem[..colon] : "";
            var message = colon > 0 ? problem[(colon + 2)..] : problem;
            fields.Add(field is null ? path : field(path), message);
        }
    }
}
