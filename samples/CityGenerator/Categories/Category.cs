namespace CityGenerator.Categories;

/// <summary>
/// One case category in the shape of the urban-management standard (GB/T 30428 部件/事件 coding):
/// code = C (部件) or E (事件) + 2-digit major + 2-digit minor.
/// </summary>
public sealed record Category(
    string Code,
    string Kind,
    string MajorCode,
    string MajorName,
    string MinorCode,
    string Name,
    string Platform,
    string DefaultPriority,
    string HandlingLimit);

public static class Platforms
{
    public const string LawEnforcement = "LawEnforcement";
    public const string PublicSafety = "PublicSafety";
    public const string MarketSupervision = "MarketSupervision";
    public const string CitizenServices = "CitizenServices";

    public static readonly string[] All = [LawEnforcement, PublicSafety, MarketSupervision, CitizenServices];
}
