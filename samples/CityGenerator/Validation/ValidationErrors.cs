namespace CityGenerator.Validation;

/// <summary>Collects problems and fails loudly at the end with all of them.</summary>
public sealed class ValidationErrors
{
    private readonly List<string> _errors = [];

    public void Add(string message) => _errors.Add(message);

    public void Check(bool ok, string message)
    {
        if (!ok)
        {
            _errors.Add(message);
        }
    }

    public void ThrowIfAny(string what)
    {
        if (_errors.Count == 0)
        {
            return;
        }
        var shown = string.Join(Environment.NewLine, _errors.Take(50).Select(e => "  " + e));
        var more = _errors.Count > 50 ? $"{Environment.NewLine}  … and {_errors.Count - 50} more" : "";
        throw new InvalidDataException($"{what}: {_errors.Count} problem(s){Environment.NewLine}{shown}{more}");
    }
}
