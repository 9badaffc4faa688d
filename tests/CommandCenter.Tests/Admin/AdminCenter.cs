using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Admin;

/// <summary>A center of its own for tests that change the city's rules (categories, policy, roster, accounts), so no other test sees them.</summary>
public sealed class AdminCenter : CenterFactory;

/// <summary>A center started without the sample city: what a new city's admin finds.</summary>
public sealed class EmptyCenter() : CenterFactory(null, null, new Dictionary<string, string> { ["Samples:LoadOnFirstStart"] = "false" });
