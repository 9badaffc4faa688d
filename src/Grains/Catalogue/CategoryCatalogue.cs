using System.Text.Json;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Catalogue;

/// <summary>
/// The case categories of a city, read from a JSON array such as samples/Jiangyin/categories.json.
/// Loading checks every entry and reports all problems at once, so a broken file is fixed in one pass.
/// </summary>
public sealed class CategoryCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Category> _byCode;

    private CategoryCatalogue(IReadOnlyList<Category> all)
    {
        All = all;
        _byCode = all.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every category in file order.</summary>
    public IReadOnlyList<Category> All { get; }

    /// <summary>The category with this code in any letter case ("e0102" finds E0102), or null. Retired ones too: their cases go on.</summary>
    public Category? Find(string code) => _byCode.GetValueOrDefault(code.Trim());

    /// <summary>The category a new report may take: found and not retired, else null.</summary>
    public Category? ForNewReport(string code) => Find(code) is { Retired: false } category ? category : null;

    /// <summary>The categories that take new reports, in file order.</summary>
    public IEnumerable<Category> Open => All.Where(c => !c.Retired);

    /// <summary>
    /// This catalogue with <paramref name="category"/> added, or put in place of the one with its code; checked whole.
    /// </summary>
    /// <exception cref="CatalogueException">The result would not be a valid catalogue.</exception>
    public CategoryCatalogue With(Category category)
    {
        var all = All.ToList();
        var at = all.FindIndex(c => string.Equals(c.Code, category.Code, StringComparison.OrdinalIgnoreCase));
        if (at >= 0) all[at] = category;
        else all.Add(category);
        return Parse(ToJson(all));
    }

    /// <summary>The catalogue as a categories.json document, which <see cref="Parse(string)"/> reads back to the same.</summary>
    public string ToJson() => ToJson(All);

    private static string ToJson(IEnumerable<Category> categories) => JsonSerializer.Serialize(categories.Select(c => new Entry(
        c.Code, c.Kind == CategoryKind.Component ? "部件" : "事件", c.MajorCode, c.MajorName, c.MinorCode, c.Name,
        c.Platform.ToString(), PriorityWords.Of(c.DefaultPriority), c.HandlingLimit.ToString(), c.Retired ? true : null)), Write);

    private static readonly JsonSerializerOptions Write = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CategoryCatalogue Load(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="CatalogueException">The text is not a valid catalogue; the message names each bad entry and field.</exception>
    public static CategoryCatalogue Parse(string json) => Parse(json, source: null);

    private static CategoryCatalogue Parse(string json, string? source)
    {
        List<Entry?>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<Entry?>>(json, Json);
        }
        catch (JsonException e)
        {
            throw new CatalogueException([$"not a JSON array of categories: {e.Message}"], source);
        }
        if (entries is null)
            throw new CatalogueException(["not a JSON array of categories: the document is null"], source);

        var problems = new List<string>();
        var categories = new List<Category>(entries.Count);
        var firstIndexOfCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var category = Read(i, entries[i], problems);
            if (category is null)
                continue;
            if (firstIndexOfCode.TryGetValue(category.Code, out var first))
            {
                problems.Add($"[{i}] ({category.Code}).code: duplicate of entry [{first}]");
                continue;
            }
            firstIndexOfCode.Add(category.Code, i);
            categories.Add(category);
        }
        if (problems.Count > 0)
            throw new CatalogueException(problems, source);
        return new CategoryCatalogue(categories);
    }

    /// <summary>One entry as a category, or null after adding what is wrong with it to <paramref name="problems"/>.</summary>
    private static Category? Read(int index, Entry? entry, List<string> problems)
    {
        var name = $"[{index}] ({entry?.Code ?? "no code"})";
        if (entry is null)
        {
            problems.Add($"{name}: null instead of a category");
            return null;
        }
        var before = problems.Count;
        void Problem(string field, string what) => problems.Add($"{name}.{field}: {what}");
        string Required(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
                Problem(field, "missing");
            return value?.Trim() ?? "";
        }

        var code = Required("code", entry.Code);
        var majorCode = Required("majorCode", entry.MajorCode);
        var majorName = Required("majorName", entry.MajorName);
        var minorCode = Required("minorCode", entry.MinorCode);
        var title = Required("name", entry.Name);

        CategoryKind? kind = entry.Kind switch
        {
            "部件" => CategoryKind.Component,
            "事件" => CategoryKind.Event,
            _ => null,
        };
        if (kind is null)
            Problem("kind", $"\"{entry.Kind}\" is not 部件 or 事件");

        // Names only: Enum.TryParse would also take "1" or "PublicSafety, LawEnforcement".
        Platform? platform = Enum.GetValues<Platform>()
            .Select(v => (Platform?)v)
            .FirstOrDefault(v => string.Equals(v.ToString(), entry.Platform?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (platform is null)
            Problem("platform", $"\"{entry.Platform}\" is not one of {string.Join(", ", Enum.GetNames<Platform>())}");

        var priority = PriorityWords.Parse(entry.DefaultPriority);
        if (priority is null)
            Problem("defaultPriority", $"\"{entry.DefaultPriority}\" is not urgent, high, normal or low");

        if (!SlaDuration.TryParse(entry.HandlingLimit, out var limit, out var durationProblem))
            Problem("handlingLimit", durationProblem);

        foreach (var (field, digits) in new[] { ("majorCode", majorCode), ("minorCode", minorCode) })
        {
            if (digits.Length > 0 && (digits.Length != 2 || !digits.All(char.IsAsciiDigit)))
                Problem(field, $"\"{digits}\" is not two digits");
        }
        if (kind is not null && code.Length > 0)
        {
            var expected = (kind == CategoryKind.Component ? "C" : "E") + majorCode + minorCode;
            if (code != expected)
                Problem("code", $"\"{code}\" should be \"{expected}\": C for 部件 or E for 事件, then majorCode, then minorCode");
        }

        if (problems.Count > before)
            return null;
        return new Category(code, kind!.Value, majorCode, majorName, minorCode, title, platform!.Value, priority!.Value, limit, entry.Retired ?? false);
    }

    /// <summary>An entry as written in the file; every field is text so that a bad value can be reported by name.</summary>
    private sealed record Entry(
        string? Code,
        string? Kind,
        string? MajorCode,
        string? MajorName,
        string? MinorCode,
        string? Name,
        string? Platform,
        string? DefaultPriority,
        string? HandlingLimit,
        bool? Retired = null);
}
