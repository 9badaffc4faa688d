using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class IncidentApiTests(CenterFactory center)
{
    private static object Report(string category = "E0102", string? priority = null, bool positioned = true)
    {
        var (lat, lon) = SampleCity.NextPoint();
        return new { category, priority, lat = positioned ? lat : (double?)null, lon = positioned ? lon : (double?)null, description = "路边有暴露垃圾", channel = "hotline" };
    }

    private static async Task<string> Create(HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", body ?? Report());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null) =>
        await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body ?? new { });

    [Fact]
    public async Task A_call_named_the_same_as_an_open_case_is_linked_to_that_case_even_far_from_it()
    {
        var client = await center.ClientFor("operator1");
        var named = await Create(client, Report("E0105"));

        // Elsewhere in the city, so the duplicate rule alone would open a case of its own.
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0105", description = "同一条河，来电人在下游看到", channel = "hotline", sameAs = named, lat, lon,
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("duplicateOf").GetString().Should().Be(named);
        var incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{named}");
        incident.GetProperty("links").EnumerateArray().Should().ContainSingle(l => l.GetProperty("description").GetString() == "同一条河，来电人在下游看到");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("other-category")]
    [InlineData("closed")]
    public async Task A_call_named_the_same_as_a_case_it_cannot_join_is_refused_naming_sameAs_and_creates_nothing(string which)
    {
        var client = await center.ClientFor("operator1");
        var open = await Create(client, Report("E0102"));
        var cancelled = await Create(client, Report("E0105"));
        (await Act(client, cancelled, "cancel", new { note = "重复" })).EnsureSuccessStatusCode();
        var sameAs = which switch { "unknown" => "JY-20000101-000001", "other-category" => open, _ => cancelled };
        var total = (await client.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32();

        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0105", description = "同一件事", channel = "hotline", sameAs });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sameAs", out _).Should().BeTrue();
        (await client.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32().Should().Be(total, "nothing is created");
        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{open}")).GetProperty("links").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_report_inside_the_city_gets_a_case_number_and_is_located_at_once()
    {
        var client = await center.ClientFor("operator1");

        var response = await client.PostAsJsonAsync("/api/incidents", Report());

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        created.GetProperty("id").GetString().Should().MatchRegex(@"^JY-\d{8}-\d{6}$");
        created.GetProperty("state").GetString().Should().Be("gridded");
        created.GetProperty("step").GetInt32().Should().Be(2);

        var incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{created.GetProperty("id").GetString()}");
        incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()).Should().Contain("JY10");
        incident.GetProperty("light").GetString().Should().Be("green");
        incident.GetProperty("deadlines").EnumerateArray().Last().GetProperty("step").GetString().Should().Be("dispatch");
        incident.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetProperty("action").GetString()).Should().Contain("dispatch");
        incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).Should().Equal("report", "locate");
    }

    [Fact]
    public async Task Case_numbers_are_unique_and_sortable()
    {
        var client = await center.ClientFor("operator1");

        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await Create(client));

        ids.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_report_without_a_position_waits_for_an_operator_to_locate_it()
    {
        var client = await center.ClientFor("operator1");
        var id = await Create(client, Report(positioned: false));

        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("reported");
        var located = await Act(client, id, "locate", new { gridId = "JY01-01" });

        located.StatusCode.Should().Be(HttpStatusCode.OK);
        (await located.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("gridded");
    }

    [Fact]
    public async Task The_whole_loop_runs_through_the_api_with_each_role_doing_its_part()
    {
        var operatorClient = await center.ClientFor("operator1");
        var supervisor = await center.ClientFor("supervisor1");
        var worker = await center.ClientFor("M00020");
        var id = await Create(operatorClient);

        (await Act(operatorClient, id, "dispatch", new { memberId = "M00020" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(worker, id, "accept")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(worker, id, "resolve", new { note = "已清理" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(supervisor, id, "verify", new { passed = true, note = "现场核查通过" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var evaluated = await Act(operatorClient, id, "evaluate", new { satisfaction = 4 });
        evaluated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await evaluated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("filed");

        var admin = await center.ClientFor("admin");
        var run = await admin.PostAsync("/api/jobs/archive/run", null);
        run.StatusCode.Should().Be(HttpStatusCode.OK);
        var incident = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("archived");
        incident.GetProperty("step").GetInt32().Should().Be(9);
        incident.GetProperty("satisfaction").GetInt32().Should().Be(4);

        var events = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events");
        events.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal(
            "Report", "Locate", "Dispatch", "Accept", "Resolve", "Verify", "Evaluate", "Assess", "File", "Archive");
        events.EnumerateArray().Should().OnlyContain(e => e.GetProperty("actor").GetString()!.Length > 0);
    }

    [Fact]
    public async Task An_illegal_action_is_a_409_naming_the_state_and_the_actions_allowed()
    {
        var client = await center.ClientFor("operator1");
        var id = await Create(client);

        var response = await Act(client, id, "evaluate", new { satisfaction = 5 });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("currentState").GetString().Should().Be("gridded");
        problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal(["dispatch", "split", "cancel", "supervise"],
            "an operator may not suspend, so suspend is not listed to it");
        problem.GetProperty("detail").GetString().Should().Contain("gridded").And.Contain("dispatch");
    }

    [Fact]
    public async Task A_role_that_may_not_act_is_a_403_and_a_worker_sees_only_its_own_incidents()
    {
        var operatorClient = await center.ClientFor("operator1");
        var id = await Create(operatorClient);
        var worker = await center.ClientFor("M00021");
        var stranger = await center.ClientFor("M00022");

        (await Act(worker, id, "dispatch", new { memberId = "M00021" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"/api/incidents/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Act(operatorClient, id, "dispatch", new { memberId = "M00021" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await worker.GetAsync($"/api/incidents/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(stranger, id, "accept")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"category":"X9999","lat":31.75,"lon":120.34,"description":"x"}""", "category")]
    [InlineData("""{"category":"E0102","priority":"someday","lat":31.75,"lon":120.34,"description":"x"}""", "priority")]
    [InlineData("""{"category":"E0102","lat":31.75,"description":"x"}""", "lon")]
    [InlineData("""{"category":"E0102","lat":95,"lon":120.34,"description":"x"}""", "lat")]
    [InlineData("""{"category":"E0102","lat":31.23,"lon":121.47,"description":"in Shanghai"}""", "lat")]
    [InlineData("""{"category":"E0102","lat":31.75,"lon":120.34}""", "description")]
    [InlineData("""{"category":"E0102","lat":31.75,"lon":120.34,"description":"x","channel":"pigeon"}""", "channel")]
    [InlineData("""{"category":"E0102","lat":"north","lon":120.34,"description":"x"}""", "$.lat")]
    public async Task A_bad_report_is_a_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var client = await center.ClientFor("operator1");
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32();

        var response = await client.PostAsync("/api/incidents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await client.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32().Should().Be(before);
    }

    [Fact]
    public async Task Missing_fields_of_an_action_are_a_422_naming_the_field()
    {
        var client = await center.ClientFor("operator1");
        var id = await Create(client);

        var dispatch = await Act(client, id, "dispatch", new { });
        dispatch.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await dispatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("memberId", out _).Should().BeTrue();

        (await Act(client, id, "dispatch", new { memberId = "M99999" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Act(client, id, "fly")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/incidents/JY-19990101-000001")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Incidents_are_listed_by_grid_subtree_and_state()
    {
        var client = await center.ClientFor("supervisor1");
        var operatorClient = await center.ClientFor("operator1");
        var id = await Create(operatorClient);

        var inTown = await client.GetFromJsonAsync<JsonElement>("/api/incidents?grid=JY10&state=gridded&pageSize=500");
        inTown.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(id);
        var elsewhere = await client.GetFromJsonAsync<JsonElement>("/api/incidents?grid=JY01&pageSize=500");
        elsewhere.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().NotContain(id);
        var overdue = await client.GetFromJsonAsync<JsonElement>("/api/incidents?overdue=true&pageSize=500");
        overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().NotContain(id);
        (await client.GetAsync("/api/incidents?state=flying")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_grid_keeps_an_index_of_its_open_incidents()
    {
        var client = await center.ClientFor("operator1");
        var id = await Create(client);
        var incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var gridId = incident.GetProperty("gridId").GetString()!;

        var open = await center.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<CommandCenter.Grains.Grids.IGridGrain>(gridId).GetOpenIncidents();
        open.Incidents.Select(i => i.Id).Should().Contain(id);

        await Act(client, id, "cancel", new { note = "重复上报" });
        open = await center.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<CommandCenter.Grains.Grids.IGridGrain>(gridId).GetOpenIncidents();
        open.Incidents.Select(i => i.Id).Should().NotContain(id);
    }

    [Fact]
    public async Task The_catalogue_lists_categories_with_platform_priority_and_limit()
    {
        var client = await center.ClientFor("M00001");

        var categories = (await client.GetFromJsonAsync<JsonElement>("/api/categories")).EnumerateArray().ToList();

        categories.Should().HaveCountGreaterThanOrEqualTo(40);
        var rubbish = categories.Single(c => c.GetProperty("code").GetString() == "E0102");
        rubbish.GetProperty("name").GetString().Should().Be("暴露垃圾");
        rubbish.GetProperty("kind").GetString().Should().Be("事件");
        rubbish.GetProperty("handlingLimit").GetString().Should().Be("4wh");
    }
}
