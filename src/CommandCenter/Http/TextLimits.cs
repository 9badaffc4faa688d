namespace CommandCenter.Http;

/// <summary>
/// The longest text each field takes, by field name, wherever it comes (JSON body, form, query string).
/// The README's API section lists them; endpoints may keep tighter limits of their own.
/// </summary>
public static class TextLimits
{
    public const int Description = 4_000;   // Open311's own limit; the staff API keeps 2,000
    public const int Note = 2_000;
    public const int Name = 100;
    public const int Address = 500;
    public const int Other = 1_000;
    /// <summary>Ids in paths (incident, member, grid, photo…).</summary>
    public const int Id = 200;

    private static readonly Dictionary<string, int> ByField = new(StringComparer.OrdinalIgnoreCase)
    {
        ["description"] = Description,
        ["note"] = Note, ["reason"] = Note, ["text"] = Note,
        ["name"] = Name, ["first_name"] = Name, ["last_name"] = Name, ["callerName"] = Name, ["reporterName"] = Name,
        ["address"] = Address, ["address_string"] = Address,
        // Open311's comma list of case numbers (at most 1,000 of them).
        ["service_request_id"] = 20_000,
    };

    public static int Of(string field) => ByField.GetValueOrDefault(field, Other);
}
