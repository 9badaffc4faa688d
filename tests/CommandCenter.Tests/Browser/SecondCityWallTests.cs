using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Samples;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The real center as a process on the second sample city, chosen by the one setting
/// Samples:CityDirectory=samples/Cangnan, and Debian's Chromium as in <see cref="WallFixture"/>.
/// </summary>
public sealed class SecondCityWall : WallFixture
{
    protected override string[] CenterArguments => [$"--Samples:CityDirectory={CangnanCenter.Folder}", "--RateLimits:SignInPerMinute=100000"];
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SecondCityBrowserCollection : ICollectionFixture<SecondCityWall>
{
    public const string Name = "second-city-browser";
}

/// <summary>The map wall on 苍南县: the same page, another city's data, no code change.</summary>
[Trait("Category", "Browser")]
[Collection(SecondCityBrowserCollection.Name)]
public class SecondCityWallTests(SecondCityWall wall)
{
    [Fact]
    public async Task The_wall_draws_cangnans_grids_and_names_its_towns()
    {
        var nodes = CangnanCenter.Index.Hierarchy.Nodes;
        var towns = nodes.Where(n => n.Level == 1).Select(n => n.Name).ToList();
        var page = await wall.OpenWall();

        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(1)")).Should().Be(18);
        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(2)")).Should().Be(nodes.Count(n => n.Level == 2));
        (await page.EvaluateAsync<int>("() => window.__wall.gridFeatureCount(3)")).Should().Be(nodes.Count(n => n.Level == 3));
        var names = await page.Locator(".grid-label-name").AllTextContentsAsync();
        names.Should().BeEquivalentTo(towns).And.Contain(["灵溪镇", "矾山镇", "凤阳畲族乡"]).And.NotContain("徐霞客镇");
        await WallFixture.Screenshot(page, "second-city-wall.png");

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_case_reported_in_a_cangnan_town_appears_on_the_map_and_the_board_under_that_town()
    {
        var page = await wall.OpenWall();
        var block = CangnanCenter.Index.Hierarchy.Nodes.Where(n => n.Level == 3 && n.Id.StartsWith("CN07-", StringComparison.Ordinal))
            .OrderBy(n => n.Id, StringComparer.Ordinal).First();
        var point = block.Geometry.InteriorPoint;

        var response = await wall.Operator.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0303", priority = "high", lat = point.Y, lon = point.X, description = "矾山镇渣土车遗撒", channel = "hotline",
        });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        (await page.EvaluateAsync<bool>("""
            async id => {
              for (const end = performance.now() + 30000; performance.now() < end; await new Promise(r => requestAnimationFrame(r)))
                if ((await window.__wall.mapIncidentIds()).includes(id)) return true;
              return false;
            }
            """, id)).Should().BeTrue("the new incident is drawn on the map");
        var row = page.Locator($".board-row[data-id='{id}']");
        await row.WaitForAsync();
        (await row.GetAttributeAsync("data-state")).Should().Be("gridded");
        (await row.InnerTextAsync()).Should().Contain("矾山镇");
        await WallFixture.Screenshot(page, "second-city-wall-case.png");

        await page.Context.CloseAsync();
    }
}
