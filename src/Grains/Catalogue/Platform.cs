namespace CommandCenter.Grains.Catalogue;

/// <summary>The four platforms (四个平台) that own the handling of a category.</summary>
public enum Platform
{
    /// <summary>综治工作.</summary>
    PublicSafety,
    /// <summary>综合执法.</summary>
    LawEnforcement,
    /// <summary>市场监管.</summary>
    MarketSupervision,
    /// <summary>便民服务.</summary>
    CitizenServices,
}
