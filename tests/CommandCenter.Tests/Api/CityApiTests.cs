using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class CityApiTests(CenterFactory center)
{
    private static JsonElement SampleFile(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SampleCity, name))).RootElement;

    [Fact]
    public async Task The_city_document_is_the_sample_citys_root_grid_zone_prefix_and_calendar_from_its_files()
    {
        var client = await center.ClientFor("operator1");

        var city = await client.GetFromJsonAsync<JsonElement>("/api/city");

        var policy = SampleFile("sla-policy.json");
        city.GetProperty("name").GetString().Should().Be(SampleCity.Hierarchy.Root.Name);
        city.GetProperty("rootGridId").GetString().Should().Be(SampleCity.Hierarchy.Root.Id);
        city.GetProperty("timeZone").GetString().Should().Be(policy.GetProperty("timeZone").GetString());
        city.GetProperty("utcOffset").GetString().Should().MatchRegex(@"^[+-]\d{2}:\d{2}$");
        city.GetProperty("casePrefix").GetString().Should().Be(SampleFile("city.json").GetProperty("casePrefix").GetString());
        var calendar = city.GetProperty("calendar");
        var declared = policy.GetProperty("calendar");
        Strings(calendar.GetProperty("holidays")).Should().BeEquivalentTo(Strings(declared.GetProperty("holidays")));
        Strings(calendar.GetProperty("makeUpWorkdays")).Should().BeEquivalentTo(Strings(declared.GetProperty("makeUpWorkdays")));
        Strings(calendar.GetProperty("workingDays")).Should().BeEquivalentTo(Strings(declared.GetProperty("workingDays")));
        calendar.GetProperty("officeHours").EnumerateArray().Select(p => $"{p.GetProperty("from").GetString()}-{p.GetProperty("to").GetString()}")
            .Should().Equal(declared.GetProperty("officeHours").EnumerateArray().Select(p => $"{p.GetProperty("from").GetString()}-{p.GetProperty("to").GetString()}"));
    }

    [Fact]
    public async Task A_worker_reads_the_same_city_document()
    {
        var worker = await center.ClientFor("M00001");

        var city = await worker.GetFromJsonAsync<JsonElement>("/api/city");

        city.GetProperty("rootGridId").GetString().Should().Be(SampleCity.Hierarchy.Root.Id);
    }

    [Fact]
    public async Task The_city_document_needs_a_signed_in_account()
    {
        var anonymous = center.CreateClient();

        (await anonymous.GetAsync("/api/city")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Case_numbers_start_with_the_city_files_prefix()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();

        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "hotline" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var prefix = (await client.GetFromJsonAsync<JsonElement>("/api/city")).GetProperty("casePrefix").GetString();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().MatchRegex($@"^{prefix}-\d{{8}}-\d{{6}}$");
    }

    [Fact]
    public async Task Another_city_file_and_policy_zone_change_the_document_and_the_case_numbers_without_a_code_change()
    {
        var folder = Directory.CreateTempSubdirectory("cc-city-").FullName;
        try
        {
            var cityFile = Path.Combine(folder, "city.json");
            await File.WriteAllTextAsync(cityFile, """{ "casePrefix": "XQ7" }""");
            var policy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.SampleCity, "sla-policy.json")))!;
            policy["timeZone"] = "Europe/Paris";
            var policyFile = Path.Combine(folder, "sla-policy.json");
            await File.WriteAllTextAsync(policyFile, policy.ToJsonString());
            using var other = new CenterFactory(null, settings: new Dictionary<string, string>
            {
                ["City:File"] = cityFile,
                ["Sla:PolicyFile"] = policyFile,
            });
            var client = await other.ClientFor("operator1");

            var city = await client.GetFromJsonAsync<JsonElement>("/api/city");
            var (lat, lon) = SampleCity.NextPoint();
            var created = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "hotline" });

            city.GetProperty("timeZone").GetString().Should().Be("Europe/Paris");
            city.GetProperty("utcOffset").GetString().Should().BeOneOf("+01:00", "+02:00");
            city.GetProperty("casePrefix").GetString().Should().Be("XQ7");
            (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().StartWith("XQ7-");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
