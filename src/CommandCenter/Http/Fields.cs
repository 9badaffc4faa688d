namespace CommandCenter.Http;

/// <summary>Collects what is wrong with a request, field by field, and answers 400 with problem details naming each field.</summary>
public sealed class Fields
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    /// <summary>Every message with its field, in the order added; for APIs with their own error format (Open311).</summary>
    public IEnumerable<(string Field, string Message)> Messages => errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Reads a latitude (limit 90) or longitude (limit 180) given as text; records what is wrong with it.</summary>
    public double Coordinate(string field, string? text, double limit)
    {
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && Math.Abs(value) <= limit)
            return value;
        Add(field, $"{field} must be a number from -{limit} to {limit}{(text is null ? "" : $", not \"{text}\"")}.");
        return double.NaN;
    }

    public IResult Result() => Results.ValidationProblem(
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request has invalid fields.",
        detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
}
