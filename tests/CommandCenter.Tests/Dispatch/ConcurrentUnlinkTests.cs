using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Intake;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class ConcurrentUnlinkTests(CenterFactory center)
{
    [Fact]
    public async Task Three_concurrent_unlinks_of_one_link_open_one_case_which_the_accepted_answer_names()
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var first = await (await client.PostAsJsonAsync("/api/incidents", new { category = "E0105", lat, lon, description = "同一处", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var original = first.GetProperty("id").GetString()!;
        var duplicate = await (await client.PostAsJsonAsync("/api/incidents", new { category = "E0105", lat, lon = lon + 0.0001, description = "同一处", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var linkId = duplicate.GetProperty("linkId").GetString();
        var before = await IntakeCalls.Total(center);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync($"/api/incidents/{original}/actions/unlink", new { linkId })));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict);
        var accepted = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        var newId = accepted.GetProperty("newIncidentId").GetString()!;
        (await IntakeCalls.Total(center)).Should().Be(before + 1, "one case is opened, the one the accepted answer names");
        (await IntakeCalls.Incident(center, newId)).GetProperty("state").GetString().Should().Be("gridded");
        (await IntakeCalls.Incident(center, original)).GetProperty("links").EnumerateArray().Single().GetProperty("unlinkedInto").GetString().Should().Be(newId);
    }
}
