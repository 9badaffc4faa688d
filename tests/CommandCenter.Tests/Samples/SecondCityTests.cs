using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Geography;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Samples;

/// <summary>
/// The center on the second sample city, 苍南县 (samples/Cangnan), chosen by one setting,
/// Samples:CityDirectory: no city in the code, the city is a data folder like any other.
/// </summary>
public sealed class CangnanCenter() : CenterFactory(null, null, new Dictionary<string, string>
{
    ["Samples:CityDirectory"] = CangnanCenter.Folder,
})
{
    public static string Folder => Path.Combine(Repo.Root, "samples", "Cangnan");

    private static readonly Lazy<GridIndex> LazyIndex = new(() =>
    {
        var result = GridImport.Read(File.ReadAllText(Path.Combine(Folder, "grids.geojson")));
        if (result.Hierarchy is null) throw new InvalidOperationException(result.Problems[0].Problem);
        return new GridIndex(result.Hierarchy);
    });

    /// <summary>Cangnan's grids, read from its folder as the center reads them.</summary>
    public static GridIndex Index => LazyIndex.Value;

    /// <summary>The full-time 网格员 of a block, from Cangnan's roster.</summary>
    public static string WorkerOf(string blockId)
    {
        using var roster = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "roster.json")));
        return roster.RootElement.EnumerateArray()
            .First(m => m.GetProperty("gridId").GetString() == blockId && m.GetProperty("role").GetString() == "GridWorker")
            .GetProperty("id").GetString()!;
    }
}

[Trait("Category", "InProcess")]
public class SecondCityTests(CangnanCenter center) : IClassFixture<CangnanCenter>
{
    private static async Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null) =>
        await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body ?? new { });

    [Fact]
    public async Task The_city_document_is_cangnans_own()
    {
        var client = await center.ClientFor("operator1");

        var city = await client.GetFromJsonAsync<JsonElement>("/api/city");

        city.GetProperty("rootGridId").GetString().Should().Be("CN");
        city.GetProperty("name").GetString().Should().Be("苍南县");
        city.GetProperty("casePrefix").GetString().Should().Be("CN");
    }

    [Fact]
    public async Task A_case_reported_in_a_cangnan_block_is_located_there_numbered_CN_and_runs_the_whole_loop_to_archived()
    {
        // A block of 灵溪镇 (CN01), the county seat, and a point inside it.
        var block = CangnanCenter.Index.Hierarchy.Nodes.Where(n => n.Level == 3 && n.Id.StartsWith("CN01-", StringComparison.Ordinal))
            .OrderBy(n => n.Id, StringComparer.Ordinal).Skip(5).First();
        var point = block.Geometry.InteriorPoint;
        var memberId = CangnanCenter.WorkerOf(block.Id);
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var worker = await center.ClientFor(memberId);

        var response = await operatorClient.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", lat = point.Y, lon = point.X, description = "灵溪镇路边有暴露垃圾", channel = "hotline",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        id.Should().MatchRegex(@"^CN-\d{8}-\d{6}$");
        created.GetProperty("state").GetString().Should().Be("gridded");
        var located = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var chain = located.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()!).ToList();
        chain.Should().Contain(["CN01", block.Id]).And.OnlyContain(g => g.StartsWith("CN", StringComparison.Ordinal));

        (await Act(operatorClient, id, "dispatch", new { memberId })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(worker, id, "accept")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(worker, id, "resolve", new { note = "已清理" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(supervisor, id, "verify", new { passed = true, note = "现场核查通过" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var evaluated = await Act(operatorClient, id, "evaluate", new { satisfaction = 5 });
        evaluated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await evaluated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("filed");

        var admin = await center.ClientFor("admin");
        (await admin.PostAsync("/api/jobs/archive/run", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var incident = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("archived");
        incident.GetProperty("step").GetInt32().Should().Be(9);
        incident.GetProperty("satisfaction").GetInt32().Should().Be(5);
    }

    [Fact]
    public async Task The_samples_town_scoped_operator_signs_in_and_reads_the_cases()
    {
        // accounts.json scopes operator-cn01 to CN01; the loader accepts only a grid of the loaded city.
        var scoped = await center.ClientFor("operator-cn01");

        var cases = await scoped.GetAsync("/api/incidents?pageSize=1");

        cases.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
