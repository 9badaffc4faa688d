using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Open311;

/// <summary>The platform (四个平台) responsible for a category, by the name the public knows it under.</summary>
public static class Agency
{
    public static string Of(Platform platform) => platform switch
    {
        Platform.PublicSafety => "综治工作",
        Platform.LawEnforcement => "综合执法",
        Platform.MarketSupervision => "市场监管",
        Platform.CitizenServices => "便民服务",
        _ => platform.ToString(),
    };
}
