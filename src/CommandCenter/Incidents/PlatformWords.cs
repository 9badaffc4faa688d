using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Incidents;

/// <summary>The four platforms (四个平台) by their API names or their Chinese names.</summary>
public static class PlatformWords
{
    private static readonly Dictionary<string, Platform> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PublicSafety"] = Platform.PublicSafety, ["综治工作"] = Platform.PublicSafety,
        ["LawEnforcement"] = Platform.LawEnforcement, ["综合执法"] = Platform.LawEnforcement,
        ["MarketSupervision"] = Platform.MarketSupervision, ["市场监管"] = Platform.MarketSupervision,
        ["CitizenServices"] = Platform.CitizenServices, ["便民服务"] = Platform.CitizenServices,
    };

    public static IReadOnlyList<string> All { get; } = Enum.GetNames<Platform>();

    public static Platform? Parse(string? word) => word is not null && Names.TryGetValue(word.Trim(), out var p) ? p : null;

    public static string Chinese(Platform platform) => platform switch
    {
        Platform.PublicSafety => "综治工作",
        Platform.LawEnforcement => "综合执法",
        Platform.MarketSupervision => "市场监管",
        _ => "便民服务",
    };
}
