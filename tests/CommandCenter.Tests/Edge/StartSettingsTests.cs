using CommandCenter.Http;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Tests.Edge;

/// <summary>A bad setting stops the start with a message naming it; the shipped settings pass.</summary>
[Trait("Category", "InProcess")]
public class StartSettingsTests
{
    [Theory]
    [InlineData("RateLimits:SignInPerMinute", "abc", "RateLimits:SignInPerMinute must be a whole number ≥ 1, got \"abc\"")]
    [InlineData("RateLimits:AccountPerMinute", "-5", "RateLimits:AccountPerMinute must be a whole number ≥ 0")]
    [InlineData("Http:KnownProxies:0", "proxy.example", "Http:KnownProxies:0 must be an IP address")]
    [InlineData("Http:KnownNetworks:0", "10.0.0.0/99", "Http:KnownNetworks:0 must be a network")]
    [InlineData("Http:Hsts", "yes", "Http:Hsts must be true or false")]
    [InlineData("Http:MaxRequestBodyBytes", "16MB", "Http:MaxRequestBodyBytes must be a whole number")]
    [InlineData("Intake:DuplicateWindow", "soon", "Intake:DuplicateWindow must be a duration")]
    [InlineData("Auth:TokenLifetime", "-01:00:00", "Auth:TokenLifetime must be a duration above zero")]
    [InlineData("Incidents:KeepIdleFor", "5m", "Incidents:KeepIdleFor must be a duration")]
    [InlineData("Jobs:Workers", "0", "Jobs:Workers must be a whole number from 1 to 64")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans:SiloPort must be a whole number from 1 to 65535")]
    [InlineData("Photos:MaxEdge", "10", "Photos:MaxEdge must be from 320 to 8000")]
    [InlineData("Shutdown:TimeoutSeconds", "0", "Shutdown:TimeoutSeconds must be a number from 1 to 3600")]
    [InlineData("OrleansDashboard:Enabled", "on", "OrleansDashboard:Enabled must be true or false")]
    public void A_bad_setting_stops_the_start_naming_it(string key, string value, string expected)
    {
        using var center = new CenterFactory(null, settings: new Dictionary<string, string> { [key] = value });

        var start = () => center.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        Messages(failure).Should().Contain(expected);
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Messages(e.InnerException);
}

/// <summary>The list of settings' rules on its own, without a host.</summary>
[Trait("Category", "Unit")]
public class StartSettingsRuleTests
{
    [Fact]
    public void The_shipped_settings_pass()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repo.Root, "src", "CommandCenter", "appsettings.json")).Build();

        StartSettings.Problems(shipped).Should().BeEmpty();
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:PublicIntakePerMinute"] = "0",
            ["Http:HttpsPort"] = "https",
            ["Logs:Json"] = "1",
            ["Http:KnownProxies:0"] = "",
        }).Build();

        StartSettings.Problems(settings).Should().HaveCount(3)
            .And.Contain(p => p.StartsWith("RateLimits:PublicIntakePerMinute"))
            .And.Contain(p => p.StartsWith("Http:HttpsPort"))
            .And.Contain(p => p.StartsWith("Logs:Json"));
    }

    [Fact]
    public void A_bad_signing_key_is_named_but_never_repeated()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = "c2hvcnQta2V5" }).Build();

        StartSettings.Problems(settings).Should().ContainSingle()
            .Which.Should().StartWith("Auth:SigningKey must be base64 of at least 32 bytes").And.NotContain("c2hvcnQta2V5");
    }

    [Fact]
    public void A_proxy_given_as_one_value_instead_of_a_list_is_named()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Http:KnownProxies"] = "10.0.0.5" }).Build();

        StartSettings.Problems(settings).Should().ContainSingle().Which.Should().StartWith("Http:KnownProxies must be a list");
    }
}
