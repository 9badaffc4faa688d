using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Incidents;
using CommandCenter.Members;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CommandCenter.Tests.Wire;

/// <summary>The generated API view types are read with the JSON options the running center really writes with.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public sealed class ApiWireTests(CenterFactory center)
{
    [Fact]
    public void The_center_writes_API_views_with_the_options_the_generated_types_assume()
    {
        var host = center.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var assumed = WireContract.ApiJson;
        host.PropertyNamingPolicy.Should().Be(assumed.PropertyNamingPolicy, "the generated names are camelCase");
        host.DefaultIgnoreCondition.Should().Be(assumed.DefaultIgnoreCondition, "the generated API types declare nulls as written");
        host.Converters.OfType<JsonStringEnumConverter>().Any().Should().Be(assumed.Converters.OfType<JsonStringEnumConverter>().Any(), "enums travel as the generated types say");
    }

    [Fact]
    public async Task An_incident_a_member_and_the_categories_arrive_with_the_generated_fields()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "wire contract", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var dialect = WireDialect.Json("API JSON", WireContract.ApiJson);

        foreach (var (type, path) in new[] { (typeof(IncidentView), $"/api/incidents/{id}"), (typeof(MemberView), "/api/members/M00001") })
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(path);
            WireContractTests.Walk(type, answer, dialect, path).Should().BeEmpty();
        }
        var categories = await client.GetFromJsonAsync<JsonElement>("/api/categories");
        WireContractTests.Walk(typeof(IReadOnlyList<CategoryView>), categories, dialect, "/api/categories").Should().BeEmpty();
    }
}
