using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>The incident view and the refusals tell each person what they themselves may do now.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class AllowedActionsApiTests(CenterFactory center)
{
    private async Task<string> Dispatched(string memberId)
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId })).StatusCode.Should().Be(HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonElement[]> Offers(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("allowedActions").EnumerateArray().ToArray();

    private static string[] Words(IEnumerable<JsonElement> offers) => offers.Select(o => o.GetProperty("action").GetString()!).ToArray();

    [Fact]
    public async Task A_workers_view_of_its_assignment_offers_accept_and_return_but_not_suspend_or_supervise()
    {
        var id = await Dispatched("M00021");

        var offers = await Offers(await center.ClientFor("M00021"), id);

        Words(offers).Should().Equal("accept", "return");
        var accept = offers[0];
        accept.GetProperty("chinese").GetString().Should().Be("接单");
        accept.GetProperty("english").GetString().Should().Be("Accept");
        var note = offers[1].GetProperty("fields").EnumerateArray().Single();
        note.GetProperty("name").GetString().Should().Be("note");
        note.GetProperty("required").GetBoolean().Should().BeTrue();
        note.GetProperty("maxLength").GetInt32().Should().BeGreaterThan(0);
        Words(await Offers(await center.ClientFor("supervisor1"), id)).Should().Equal("suspend", "supervise");
        Words(await Offers(await center.ClientFor("operator1"), id)).Should().Equal("dispatch", "split", "supervise");
    }

    [Fact]
    public async Task An_offer_without_required_fields_says_what_the_same_person_may_do_after_it()
    {
        var id = await Dispatched("M00076");
        var worker = await center.ClientFor("M00076");

        var offers = await Offers(worker, id);

        var accept = offers.Single(o => o.GetProperty("action").GetString() == "accept");
        var then = accept.GetProperty("after").EnumerateArray().ToArray();
        Words(then).Should().Contain("resolve", "after 接单 the worker may report the result");
        var resolve = then.Single(o => o.GetProperty("action").GetString() == "resolve");
        resolve.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Contain("note");
        resolve.GetProperty("after").GetArrayLength().Should().Be(0, "one level deep");
        offers.Single(o => o.GetProperty("action").GetString() == "return").GetProperty("after").GetArrayLength()
            .Should().Be(0, "return asks for a required note: what follows it is not worked out");
        Words(await Offers(worker, id)).Should().Equal("accept", "return");
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        Words(await Offers(worker, id)).Should().Equal(Words(then), "what was offered after accept is what the worker is offered once it has accepted");
        (await Offers(await center.ClientFor("operator1"), id)).Should().OnlyContain(o => o.GetProperty("after").GetArrayLength() == 0,
            "desks work online: only the phones of members queue actions");
    }

    [Fact]
    public async Task A_403_and_a_409_list_only_what_that_person_may_do_now()
    {
        var id = await Dispatched("M00021");
        var worker = await center.ClientFor("M00021");

        var suspend = await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/suspend", new { note = "不想干" });
        suspend.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var forbidden = await suspend.Content.ReadFromJsonAsync<JsonElement>();
        forbidden.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal(["accept", "return"], "the refused suspend is not offered to a worker");

        var resolve = await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清运" });
        resolve.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var conflict = await resolve.Content.ReadFromJsonAsync<JsonElement>();
        conflict.GetProperty("currentState").GetString().Should().Be("dispatched");
        conflict.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("accept", "return");

        var verify = await (await center.ClientFor("supervisor1")).PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true });
        verify.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString())
            .Should().Equal("suspend", "supervise");
    }

    [Fact]
    public async Task The_api_description_of_actions_comes_from_the_action_table()
    {
        var client = await center.ClientFor("operator1");

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty("/api/incidents/{id}/actions/{action}").GetProperty("post");
        var description = operation.GetProperty("description").GetString()!;
        foreach (var rule in Grains.Incidents.IncidentActions.All.Where(r => r.Kind != Grains.Incidents.ActionKind.System))
            description.Should().Contain($"`{rule.Word}` {rule.Chinese}");
        description.Should().Contain("`satisfaction` (required, 1–5)").And.Contain("`dueAt` (required, after the current deadline)");
    }
}
